/// Who makes a request: an account's root user, an IAM user (or role) of some account, or an anonymous caller.
public struct PrincipalRef: Sendable, Hashable, CustomStringConvertible {
    /// The principal's ARN: `arn:aws:iam::<account>:root` or `arn:aws:iam::<account>:user/<name>`.
    public let arn: String
    /// The 12-digit account the principal belongs to.
    public let accountId: String
    /// Whether this is the account's root user, which needs no identity policy in its own account.
    public let isRoot: Bool

    /// Creates a principal; prefer `root(accountId:)` and `user(_:accountId:)`.
    public init(arn: String, accountId: String, isRoot: Bool) {
        self.arn = arn
        self.accountId = accountId
        self.isRoot = isRoot
    }

    /// The root user of `accountId`.
    public static func root(accountId: String) -> PrincipalRef {
        PrincipalRef(arn: "arn:aws:iam::\(accountId):root", accountId: accountId, isRoot: true)
    }

    /// The IAM user `name` of `accountId`.
    public static func user(_ name: String, accountId: String) -> PrincipalRef {
        PrincipalRef(arn: "arn:aws:iam::\(accountId):user/\(name)", accountId: accountId, isRoot: false)
    }

    /// An unauthenticated caller: matched only by `"Principal": "*"`, with no `aws:PrincipalArn`.
    public static let anonymous = PrincipalRef(arn: "*", accountId: "", isRoot: false)

    /// Whether this is an unauthenticated caller.
    public var isAnonymous: Bool { self.accountId.isEmpty }

    /// The IAM user's name (`aws:username`): the last path segment of a `user/...` ARN; nil for others.
    var userName: String? {
        guard !self.isRoot, let resource = self.arn.split(separator: ":", maxSplits: 5).last,
            resource.hasPrefix("user/"), let name = resource.split(separator: "/").last
        else { return nil }
        return String(name)
    }

    public var description: String { self.arn }
}
