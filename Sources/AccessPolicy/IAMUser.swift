/// An IAM user loaded from the users file: credentials, identity, and identity policy.
///
/// `description`, `debugDescription` and the mirror (what `dump` and string interpolation show) leave out the
/// secret access key.
public struct IAMUser: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The user name, e.g. `alice`.
    public let name: String
    /// The user's account: the file's `accountId`, or the server's account id.
    public let accountId: String
    /// `arn:aws:iam::<account>:user/<name>`.
    public let arn: String
    /// The access key id the user signs with.
    public let accessKeyId: String
    /// The secret access key; never printed.
    public let secretAccessKey: String
    /// The user's identity policy; nil when the file gives none (the user may do nothing).
    public let policy: PolicyDocument?

    /// Creates a user; the ARN is derived from `name` and `accountId`.
    public init(name: String, accountId: String, accessKeyId: String, secretAccessKey: String, policy: PolicyDocument?)
    {
        self.name = name
        self.accountId = accountId
        self.arn = "arn:aws:iam::\(accountId):user/\(name)"
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.policy = policy
    }

    /// The user as a request principal.
    public var principal: PrincipalRef { PrincipalRef(arn: self.arn, accountId: self.accountId, isRoot: false) }

    /// The user's identity policies, as `PolicyEvaluator` takes them.
    public var identityPolicies: [PolicyDocument] { self.policy.map { [$0] } ?? [] }

    public var description: String { "IAMUser(\(self.arn), accessKeyId: \(self.accessKeyId))" }
    public var debugDescription: String { self.description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "name": self.name, "accountId": self.accountId, "arn": self.arn, "accessKeyId": self.accessKeyId,
                "hasPolicy": self.policy != nil,
            ])
    }
}
