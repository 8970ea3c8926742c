import Foundation

/// Key policy documents: AWS's default and AWS managed policies, and the checks a custom policy must pass.
///
/// Policies are stored and returned verbatim; evaluating them comes with issue #5.
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

    /// Checks that `document` is a key policy: a JSON object whose `Statement` holds statements with an
    /// `Effect` of Allow or Deny, an `Action` or `NotAction`, and a `Principal` or `NotPrincipal`.
    static func validate(_ document: String) throws(KMSError) {
        guard document.utf8.count <= maximumSize else {
            throw .init(.limitExceeded, "The key policy exceeds the maximum size of \(maximumSize) bytes.")
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(document.utf8)),
            let object = json as? [String: Any]
        else { throw malformed("The policy is not a valid JSON document.") }
        if let version = object["Version"], !["2012-10-17", "2008-10-17"].contains(version as? String) {
            throw malformed("The policy contains an invalid Version.")
        }
        let statements: [Any]
        switch object["Statement"] {
        case let list as [Any] where !list.isEmpty: statements = list
        case let single as [String: Any]: statements = [single]
        default: throw malformed("The policy must contain at least one Statement.")
        }
        for statement in statements { try validateStatement(statement) }
    }

    private static func validateStatement(_ value: Any) throws(KMSError) {
        guard let statement = value as? [String: Any] else { throw malformed("Each Statement must be a JSON object.") }
        guard let effect = statement["Effect"] as? String, effect == "Allow" || effect == "Deny" else {
            throw malformed("Each Statement must have an Effect of Allow or Deny.")
        }
        guard (statement["Action"] == nil) != (statement["NotAction"] == nil),
            isStringOrStrings(statement["Action"] ?? statement["NotAction"])
        else { throw malformed("Each Statement must have exactly one of Action or NotAction.") }
        guard (statement["Principal"] == nil) != (statement["NotPrincipal"] == nil),
            isPrincipal(statement["Principal"] ?? statement["NotPrincipal"])
        else { throw malformed("Policy contains a statement with one or more invalid principals.") }
    }

    private static func isStringOrStrings(_ value: Any?) -> Bool {
        switch value {
        case is String: true
        case let list as [Any]: !list.isEmpty && list.allSatisfy { $0 is String }
        default: false
        }
    }

    private static func isPrincipal(_ value: Any?) -> Bool {
        switch value {
        case let wildcard as String: wildcard == "*"
        case let map as [String: Any]: !map.isEmpty && map.values.allSatisfy { isStringOrStrings($0) }
        default: false
        }
    }

    private static func malformed(_ message: String) -> KMSError { .init(.malformedPolicyDocument, message) }
}
