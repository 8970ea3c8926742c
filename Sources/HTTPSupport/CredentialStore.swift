public import SigV4

/// The access keys the server accepts: the root credential and the users of a `--users` file.
///
/// Immutable once built, so a key that SigV4 verified is always found again when resolving its principal.
/// Secrets only leave the store through ``secretLookup``, which SigV4 uses to derive signing keys; the
/// signature comparison itself is constant time in SigV4.
public struct CredentialStore: Sendable {
    private let credentials: [String: Credential]
    private let principalsByArn: [String: Principal]

    /// Creates a store; a later credential with the same access key id replaces an earlier one.
    public init(_ credentials: [Credential]) {
        var byId: [String: Credential] = [:]
        var byArn: [String: Principal] = [:]
        for credential in credentials {
            byId[credential.accessKeyId] = credential
            byArn[credential.principal.arn] = credential.principal
        }
        self.credentials = byId
        self.principalsByArn = byArn
    }

    /// The number of access keys in the store.
    public var count: Int { credentials.count }

    /// The access key ids in the store, e.g. to keep a users file from reusing the root's.
    public var accessKeyIds: Set<String> { Set(credentials.keys) }

    /// The secret lookup SigV4's verifier calls with the access key id of each request.
    public var secretLookup: SecretLookup {
        let credentials = self.credentials
        return { accessKeyId in credentials[accessKeyId]?.secretAccessKey }
    }

    /// The principal an access key authenticates, or nil for an unknown key.
    public func principal(forAccessKeyId accessKeyId: String) -> Principal? {
        credentials[accessKeyId]?.principal
    }

    /// The principal with `arn` (with the identity policies of one of its credentials), or nil.
    ///
    /// The object store hands the key service only the requester's ARN; this finds its policies again.
    public func principal(withArn arn: String) -> Principal? {
        principalsByArn[arn]
    }
}
