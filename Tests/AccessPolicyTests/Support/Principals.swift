import AccessPolicy

/// The cast of the policy tests: account A owns the key, account B is another account.
enum Cast {
    static let accountA = "111122223333"
    static let accountB = "444455556666"
    static let region = "us-east-1"
    static let keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let viaS3 = "s3.us-east-1.amazonaws.com"

    /// The root user of the key's account.
    static let root = PrincipalRef.root(accountId: accountA)
    /// A user of account A whose IAM policy allows crypto on A's keys (not PutKeyPolicy).
    static let alice = PrincipalRef.user("alice", accountId: accountA)
    /// A user of account A with no IAM policy.
    static let bob = PrincipalRef.user("bob", accountId: accountA)
    /// A user of account B whose IAM policy allows Decrypt, GenerateDataKey and PutKeyPolicy on the key ARN.
    static let carol = PrincipalRef.user("carol", accountId: accountB)
    /// A user of account B with no IAM policy.
    static let dave = PrincipalRef.user("dave", accountId: accountB)
    /// The root user of account B.
    static let rootB = PrincipalRef.root(accountId: accountB)

    static let aliceIAM = identity(
        """
        {"Version": "2012-10-17", "Statement": [{
          "Sid": "UseKeysOfMyAccount", "Effect": "Allow",
          "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
          "Resource": "arn:aws:kms:us-east-1:111122223333:key/*"}]}
        """)

    static let carolIAM = identity(
        """
        {"Version": "2012-10-17", "Statement": [{
          "Sid": "UseTheKeyInA", "Effect": "Allow",
          "Action": ["kms:Decrypt", "kms:GenerateDataKey", "kms:PutKeyPolicy"],
          "Resource": "\(keyArn)"}]}
        """)

    /// The identity policies of a principal of the cast.
    static func identityPolicies(of principal: PrincipalRef) -> [PolicyDocument] {
        switch principal {
        case alice: [aliceIAM]
        case carol: [carolIAM]
        default: []
        }
    }

    /// The name used in test descriptions.
    static func name(of principal: PrincipalRef) -> String {
        switch principal {
        case root: "root(A)"
        case rootB: "root(B)"
        case alice: "alice(A)"
        case bob: "bob(A)"
        case carol: "carol(B)"
        case dave: "dave(B)"
        default: principal.arn
        }
    }

    static func identity(_ json: String) -> PolicyDocument {
        try! PolicyDocument(json: json, kind: .identityBased)
    }

    static func keyPolicy(_ json: String) -> PolicyDocument {
        try! PolicyDocument(json: json, kind: .resourceBased)
    }

    /// A request on the cast's key.
    static func request(
        _ principal: PrincipalRef, _ action: String, encryptionContext: [String: String]? = nil,
        context: [String: ConditionValue] = [:]
    ) -> AccessRequest {
        AccessRequest(
            principal: principal, action: action, resource: keyArn, resourceAccount: accountA,
            encryptionContext: encryptionContext, context: context)
    }
}
