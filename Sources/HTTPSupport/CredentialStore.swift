public import SigV4

/// The access keys the server accepts: the root credential now, users from a `--users` file later.
///
/// Immutable once built, so a key that SigV4 verified is always found again when resolving its principal.
/// Secrets only leave the store through ``secretLookup``, which SigV4 uses to derive signing keys; the
/// signature comparison itself is constant time in SigV4.
public struct CredentialStore: Sendable {
    private let credentials: [String: Credential]

    /// Creates a store; a later credential with the same access key id replaces an earlier one.
    public init(_ credentials: [Credential]) {
        var byId: [String: Credential] = [:]
        for credential in credentials { byId[credential.accessKeyId] = credential }
        self.credentials = byId
    }

    /// The number of access keys in the store.
    public var count: Int { credentials.count }

    /// The secret lookup SigV4's verifier calls with the access key id of each request.
    public var secretLookup: SecretLookup {
        let credentials = self.credentials
        return { accessKeyId in credentials[accessKeyId]?.secretAccessKey }
    }

    /// The principal an access key authenticates, or nil for an unknown key.
    public func principal(forAccessKeyId accessKeyId: String) -> Principal? {
        credentials[accessKeyId]?.principal
    }
}
