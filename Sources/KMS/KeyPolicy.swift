import AccessPolicy
import Foundation

/// Key policy documents: AWS's default and AWS managed policies, and the checks a custom policy must pass.
///
/// Policies are stored and returned verbatim, and parsed once (when put, or at start-up) into the
/// `PolicyDocument` that authorization evaluates.
enum KeyPolicy {
    /// The only policy name KMS knows.
    static let defaultName = "default"
    /// The resource quota of a key policy document, in bytes.
    static let maximumSize = 32_768

    /// The policy of a key created without `Policy` (reference §3.1), formatted as AWS returns it.
    static func defaultPolicy(accountId: String) -> String {
        """
        {
          "Version" : "2012-10-17",
          "Id" : "key-default-1",
          "Statement" : [ {
            "Sid" : "Enable IAM User Permissions",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::\(accountId):root"
            },
            "Action" : "kms:*",
            "Resource" : "*"
          } ]
        }
        """
    }

    /// The policy of the AWS managed key of `service` (`auto-<service>-2`, reference §3.1).
    static func awsManagedPolicy(service: String, accountId: String, region: String) -> String {
        """
        {
          "Version" : "2012-10-17",
          "Id" : "auto-\(service)-2",
          "Statement" : [ {
            "Sid" : "Allow access through \(service.uppercased()) for all principals in the account that are authorized to use \(service.uppercased())",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "*"
            },
            "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey" ],
            "Resource" : "*",
            "Condition" : {
              "StringEquals" : {
                "kms:CallerAccount" : "\(accountId)",
                "kms:ViaService" : "\(service).\(region).amazonaws.com"
              }
            }
          }, {
            "Sid" : "Allow direct access to key metadata to the account",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::\(accountId):root"
            },
            "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*" ],
            "Resource" : "*"
          } ]
        }
        """
    }

    /// Checks `policyName` (nil or `default`).
    static func checkName(_ policyName: String?) throws(KMSError) {
        guard let policyName, policyName != defaultName else { return }
        throw .init(.notFound, "No such policy exists")
    }

    /// Parses a key policy for CreateKey or PutKeyPolicy: at most 32 KiB (LimitExceededException), and a valid
    /// resource-based policy document (MalformedPolicyDocumentException with the parser's message).
    static func parse(_ document: String) throws(KMSError) -> PolicyDocument {
        guard document.utf8.count <= maximumSize else {
            throw .init(.limitExceeded, "The key policy exceeds the maximum size of \(maximumSize) bytes.")
        }
        do {
            return try PolicyDocument(json: document, kind: .resourceBased)
        } catch {
            throw .malformedPolicy(error)
        }
    }

    /// Parses a stored policy at start-up. A document this parser rejects (stored by an older, laxer version)
    /// must not lock the key for good nor open it wider: it is replaced, in memory only, by a policy that lets
    /// the account's root user alone (no delegation to IAM) manage the key and put a valid policy.
    static func loaded(_ document: String, accountId: String) -> PolicyDocument {
        if let parsed = try? PolicyDocument(json: document, kind: .resourceBased) { return parsed }
        let rootOnly = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::\(accountId):root"}, "Action": "kms:*", "Resource": "*",
              "Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::\(accountId):root"}}}]}
            """
        // The fallback is a constant shape over a 12-digit account id: it always parses.
        return try! PolicyDocument(json: rootOnly, kind: .resourceBased)
    }
}

extension KMSError {
    /// A policy document the parser rejected, or one that fails the lockout safety check.
    static func malformedPolicy(_ error: PolicyError) -> KMSError { .init(.malformedPolicyDocument, error.message) }
}
