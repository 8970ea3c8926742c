public import AccessPolicy

/// The authenticated caller of a request: who signed it, as the domains see them.
///
/// Two principals are equal when they are the same signer (access key, ARN and account): their identity
/// policies come with the credential, so they cannot differ for the same access key.
public struct Principal: Sendable, Equatable {
    /// The access key id the request was signed with.
    public var accessKeyId: String
    /// The principal's ARN, e.g. `arn:aws:iam::111122223333:root`.
    public var arn: String
    /// The principal's account id (12 digits).
    public var accountId: String
    /// The IAM identity policies of a user, parsed once when the users file was loaded; empty for a root user.
    public var identityPolicies: [PolicyDocument]

    /// Creates a principal.
    public init(accessKeyId: String, arn: String, accountId: String, identityPolicies: [PolicyDocument] = []) {
        self.accessKeyId = accessKeyId
        self.arn = arn
        self.accountId = accountId
        self.identityPolicies = identityPolicies
    }

    /// The account root principal, `arn:aws:iam::<account>:root`.
    public static func root(accessKeyId: String, accountId: String) -> Principal {
        Principal(accessKeyId: accessKeyId, arn: "arn:aws:iam::\(accountId):root", accountId: accountId)
    }

    /// The principal of an IAM user from the users file, with the user's identity policy.
    public static func user(_ user: IAMUser) -> Principal {
        Principal(
            accessKeyId: user.accessKeyId, arn: user.arn, accountId: user.accountId,
            identityPolicies: user.identityPolicies)
    }

    /// Whether this is an account's root user, which needs no identity policy in its own account.
    public var isRoot: Bool { arn.hasPrefix("arn:aws:iam::") && arn.hasSuffix(":root") }

    /// The principal as policy evaluation sees it.
    public var reference: PrincipalRef { PrincipalRef(arn: arn, accountId: accountId, isRoot: isRoot) }

    public static func == (lhs: Principal, rhs: Principal) -> Bool {
        lhs.accessKeyId == rhs.accessKeyId && lhs.arn == rhs.arn && lhs.accountId == rhs.accountId
    }
}
