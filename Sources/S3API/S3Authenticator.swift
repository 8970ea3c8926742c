public import Foundation
public import HTTPSupport
import Hummingbird
import SigV4

/// Authenticates S3 requests: SigV4 (header or presigned), SigV2 (header or presigned), or anonymous.
///
/// S3 signs the declared `x-amz-content-sha256` rather than a hash of the body, so verification needs no body
/// bytes: the request is authenticated before a single body byte is read (and before `100 Continue`). The body is
/// checked against what was signed while it streams (``S3RequestBody``).
public struct S3Authenticator: Sendable {
    private let sigV4: SigV4Verifier
    private let sigV2: SigV2Verifier
    private let credentials: CredentialStore
    /// The signatures of browser POST uploads' policies (``authenticate(post:)``).
    let postPolicy: PostPolicyVerifier

    /// Creates an authenticator for `region` over the server's credentials.
    /// - Parameter now: the clock for skew and expiry checks, injectable for tests.
    public init(region: String, credentials: CredentialStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.sigV4 = SigV4Verifier(region: region, secretLookup: credentials.secretLookup, now: now)
        self.sigV2 = SigV2Verifier(secretLookup: credentials.secretLookup, now: now)
        self.credentials = credentials
        self.postPolicy = PostPolicyVerifier(region: region, secretLookup: credentials.secretLookup)
    }

    /// Verifies `request` and names its sender.
    /// - Parameters:
    ///   - query: the request's parsed query, for the sub-resources SigV2 must have signed.
    ///   - virtualHostBucket: the bucket named by a `<bucket>.<domain>` host, nil for path-style; SigV2 signs it
    ///   as the first segment of its resource, since it does not sign `Host`.
    /// - Throws: ``S3Error`` with S3's authentication codes.
    func authenticate(_ request: Request, query: S3Query, virtualHostBucket: String?) throws(S3Error) -> S3Identity {
        let signed = SigV4Request(request)
        let scheme = signed.authenticationScheme
        if scheme == .sigV2Header || scheme == .sigV2Query { try Self.checkSigV2Signs(query) }
        do throws(SigV4Error) {
            switch scheme {
            case .none:
                return .anonymous
            case .sigV4Header where request.headers[.amzContentSHA256] == nil:
                return try verifyWithoutContentSHA256(signed)
            case .sigV4Header, .sigV4Query:
                let authentication = try sigV4.verify(signed, service: "s3", bodySHA256: nil)
                return .sigV4(try principal(authentication.accessKeyId), authentication)
            case .sigV2Header, .sigV2Query:
                let authentication = try sigV2.verify(signed, virtualHostBucket: virtualHostBucket)
                return .sigV2(try principal(authentication.accessKeyId))
            case .unknown:
                let value = request.headers[.authorization] ?? ""
                throw SigV4Error.unsupportedAlgorithm(String(value.prefix { $0 != " " }.prefix(32)))
            }
        } catch {
            throw S3Error(error, scheme: scheme)
        }
    }

    /// Header auth without `x-amz-content-sha256`, which S3 requires. Clients that sign the hash of an empty payload
    /// instead (curl before 8, whose `--aws-sigv4` hashes only POST fields) are accepted, their body treated as
    /// unsigned; any other such request is refused as AWS refuses it.
    private func verifyWithoutContentSHA256(_ signed: SigV4Request) throws(SigV4Error) -> S3Identity {
        do {
            let authentication = try sigV4.verify(signed, service: "s3", bodySHA256: SigV4Verifier.emptyPayloadSHA256)
            let unsigned = SigV4Authentication(
                accessKeyId: authentication.accessKeyId, region: authentication.region,
                service: authentication.service, requestDate: authentication.requestDate,
                amzDate: authentication.amzDate, scope: authentication.scope, signature: authentication.signature,
                signedHeaders: authentication.signedHeaders, payloadHash: SigV4Verifier.unsignedPayload,
                isPresigned: false, signingKey: authentication.signingKey)
            return .sigV4(try principal(authentication.accessKeyId), unsigned)
        } catch  where error.code == .signatureMismatch {
            throw .malformed(Self.missingContentSHA256)
        }
    }

    /// The routing sub-resources that SigV2's string to sign leaves out (AWS never added `encryption` or
    /// `attributes` to it): a captured SigV2 `PUT /b` replayed as `PUT /b?encryption` would otherwise pass.
    static let subresourcesSigV2DoesNotSign = S3Operation.routingSubresources.subtracting(SigV2Verifier.subresources)

    /// Refuses a SigV2 request whose query names a sub-resource its signature cannot cover, as AWS refuses SigV2
    /// where it requires SigV4.
    private static func checkSigV2Signs(_ query: S3Query) throws(S3Error) {
        guard query.parameters.contains(where: { subresourcesSigV2DoesNotSign.contains($0.name) }) else { return }
        throw S3Error.invalidRequest(sigV2NotSupported)
    }

    /// AWS's answer to SigV2 where it requires SigV4.
    static let sigV2NotSupported =
        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."

    static let missingContentSHA256 = "Missing required header for this request: x-amz-content-sha256"

    func principal(_ accessKeyId: String) throws(SigV4Error) -> Principal {
        guard let principal = credentials.principal(forAccessKeyId: accessKeyId) else {
            throw .unknownAccessKey(accessKeyId)
        }
        return principal
    }
}
