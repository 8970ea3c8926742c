public import AccessPolicy

/// An access key pair and the principal it authenticates.
///
/// The secret is never printed: `description` redacts it, so a credential can be logged or interpolated safely.
public struct Credential: Sendable, CustomStringConvertible {
    /// The public half, e.g. `COFFERACCESSKEY0000`.
    public var accessKeyId: String
    /// The secret half; only SigV4's signing-key derivation reads it.
    public var secretAccessKey: String
    /// Who this key authenticates.
    public var principal: Principal

    /// Creates a credential.
    public init(accessKeyId: String, secretAccessKey: String, principal: Principal) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.principal = principal
    }

    /// The account root's credential: the principal is `arn:aws:iam::<account>:root`.
    public static func root(accessKeyId: String, secretAccessKey: String, accountId: String) -> Credential {
        Credential(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            principal: .root(accessKeyId: accessKeyId, accountId: accountId)
        )
    }

    /// An IAM user's credential from the users file: the principal is `arn:aws:iam::<account>:user/<name>`, with
    /// the user's identity policy.
    public static func user(_ user: IAMUser) -> Credential {
        Credential(accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, principal: .user(user))
    }

    public var description: String { "Credential(\(accessKeyId), secret: <redacted>, \(principal.arn))" }
}
