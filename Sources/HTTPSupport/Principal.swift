/// The authenticated caller of a request: who signed it, as the domains see them.
public struct Principal: Sendable, Equatable {
    /// The access key id the request was signed with.
    public var accessKeyId: String
    /// The principal's ARN, e.g. `arn:aws:iam::111122223333:root`.
    public var arn: String
    /// The principal's account id (12 digits).
    public var accountId: String

    /// Creates a principal.
    public init(accessKeyId: String, arn: String, accountId: String) {
        self.accessKeyId = accessKeyId
        self.arn = arn
        self.accountId = accountId
    }

    /// The account root principal, `arn:aws:iam::<account>:root`.
    public static func root(accessKeyId: String, accountId: String) -> Principal {
        Principal(accessKeyId: accessKeyId, arn: "arn:aws:iam::\(accountId):root", accountId: accountId)
    }
}
