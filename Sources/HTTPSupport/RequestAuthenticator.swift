public import Foundation
public import Hummingbird
public import SigV4

/// Verifies a request's SigV4 signature against the credential store and names its principal.
///
/// Shared by the wire layers: KMS passes the SHA-256 of the body it collected; S3 passes nil, so the declared
/// `x-amz-content-sha256` is what is signed.
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
    /// - Parameter bodySHA256: the hex SHA-256 of the body when the server hashed it (KMS), else nil.
    public func authenticate(_ request: Request, service: String?, bodySHA256: String?) throws(SigV4Error)
        -> Principal
    {
        let authentication = try verifier.verify(SigV4Request(request), service: service, bodySHA256: bodySHA256)
        // A client may still declare x-amz-content-sha256; then the verifier signed that, so it must match the body.
        if let bodySHA256, authentication.payloadHashIsHexDigest, authentication.payloadHash != bodySHA256 {
            throw .signatureMismatch(stringToSign: nil, canonicalRequest: nil)
        }
        guard let principal = credentials.principal(forAccessKeyId: authentication.accessKeyId) else {
            throw .unknownAccessKey(authentication.accessKeyId)
        }
        return principal
    }
}
