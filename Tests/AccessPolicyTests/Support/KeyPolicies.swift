import AccessPolicy

/// The key policies of the evaluation matrix, as JSON a client would send.
enum KeyPolicies {
    /// AWS's default key policy (reference §3.1): the account, and so IAM, controls the key.
    static let awsDefault = Cast.keyPolicy(
        """
        {
          "Version" : "2012-10-17",
          "Id" : "key-default-1",
          "Statement" : [ {
            "Sid" : "Enable IAM User Permissions",
            "Effect" : "Allow",
            "Principal" : {"AWS" : "arn:aws:iam::111122223333:root"},
            "Action" : "kms:*",
            "Resource" : "*"
          } ]
        }
        """)

    /// A console-style custom policy: the account delegation, alice named as a key user, and account B
    /// allowed to use the key (its IAM policies decide who in B may).
    static let namesAlice = Cast.keyPolicy(
        """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
            {"Sid": "Allow use of the key", "Effect": "Allow",
             "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice"]},
             "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"},
            {"Sid": "Allow account B to use the key", "Effect": "Allow",
             "Principal": {"AWS": "444455556666"},
             "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}
          ]
        }
        """)

    /// A custom policy without the account statement: IAM policies are ineffective, even root is not named.
    static let noDelegation = Cast.keyPolicy(
        """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "KeyAdministrator", "Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
             "Action": ["kms:PutKeyPolicy", "kms:GetKeyPolicy"], "Resource": "*"},
            {"Sid": "KeyUser", "Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
             "Action": "kms:Decrypt", "Resource": "*"}
          ]
        }
        """)

    /// The default policy plus an explicit Deny of everything for bob.
    static let denyBob = Cast.keyPolicy(
        """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
            {"Sid": "DenyBob", "Effect": "Deny",
             "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "kms:*", "Resource": "*"}
          ]
        }
        """)

    /// The AWS managed key `aws/s3` (reference §3.1): anyone of the account, but only through S3.
    static let awsS3 = Cast.keyPolicy(
        """
        {
          "Version" : "2012-10-17",
          "Id" : "auto-s3-2",
          "Statement" : [ {
            "Sid" : "Allow access through S3 for all principals in the account that are authorized to use S3",
            "Effect" : "Allow",
            "Principal" : {"AWS" : "*"},
            "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey" ],
            "Resource" : "*",
            "Condition" : {
              "StringEquals" : {
                "kms:CallerAccount" : "111122223333",
                "kms:ViaService" : "s3.us-east-1.amazonaws.com"
              }
            }
          }, {
            "Sid" : "Allow direct access to key metadata to the account",
            "Effect" : "Allow",
            "Principal" : {"AWS" : "arn:aws:iam::111122223333:root"},
            "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*" ],
            "Resource" : "*"
          } ]
        }
        """)

    /// The name used in test descriptions.
    static func name(of id: ID) -> String { id.rawValue }

    /// Names for the matrix.
    enum ID: String, Sendable, CaseIterable {
        case awsDefault = "default"
        case namesAlice = "names-alice"
        case noDelegation = "no-delegation"
        case denyBob = "deny-bob"
        case awsS3 = "aws/s3"

        var document: PolicyDocument {
            switch self {
            case .awsDefault: KeyPolicies.awsDefault
            case .namesAlice: KeyPolicies.namesAlice
            case .noDelegation: KeyPolicies.noDelegation
            case .denyBob: KeyPolicies.denyBob
            case .awsS3: KeyPolicies.awsS3
            }
        }
    }
}

/// What a test expects of a decision, without the statement ids.
enum Expected: Sendable, Equatable, CustomStringConvertible {
    case allow
    case implicitDeny(PolicyType)
    case explicitDeny(PolicyType)

    init(_ decision: AccessDecision) {
        switch decision {
        case .allowed: self = .allow
        case .implicitDeny(let reason): self = .implicitDeny(reason.policyType)
        case .explicitDeny(let reason): self = .explicitDeny(reason.policyType)
        }
    }

    var description: String {
        switch self {
        case .allow: "allow"
        case .implicitDeny(let type): "implicit deny (\(type.rawValue))"
        case .explicitDeny(let type): "explicit deny (\(type.rawValue))"
        }
    }
}
