public import Foundation
public import Hummingbird
public import SigV4

/// Verifies a request's SigV4 signature over the body it carried, against the credential store, and names its
/// principal.
///
/// For the routes that collect their body before answering (the KMS API, `/_coffer/audit`, `/_coffer/stats`): the
/// signature must cover the SHA-256 of that body, as AWS KMS requires
/// (``SigV4/SigV4Verifier/verify(_:service:signedBodySHA256:)``). S3 declares what it signed instead, and has
/// its own authenticator.
public struct RequestAuthenticator: Sendable {
    private let verifier: SigV4Verifier
    private let credentials: CredentialStore

    /// Creates an authenticator for `region`.
    /// - Parameters:
    ///   - now: the clock for the skew check, injectable for tests.
    public init(
        region: String, credentials: CredentialStore, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.verifier = SigV4Verifier(region: region, secretLookup: credentials.secretLookup, now: now)
        self.credentials = credentials
    }

    /// Verifies `request` for `service` and returns who signed it.
    /// - Parameter bodySHA256: the lower-case hex SHA-256 of the body received (of nothing for a GET).
    public func authenticate(_ request: Request, service: String?, bodySHA256: String) throws(SigV4Error)
        -> Principal
    {
        let authentication = try verifier.verify(
            SigV4Request(request), service: service, signedBodySHA256: bodySHA256)
        guard let principal = credentials.principal(forAccessKeyId: authentication.accessKeyId) else {
            throw .unknownAccessKey(authentication.accessKeyId)
        }
        return principal
    }
}
