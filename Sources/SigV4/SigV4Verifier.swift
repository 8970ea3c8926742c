#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Looks up a secret for an access key id (constant-time comparisons happen inside the verifier).
public typealias SecretLookup = @Sendable (_ accessKeyId: String) -> String?

/// Verifies AWS Signature Version 4 requests, header-signed or presigned.
///
/// Pure: no I/O, the clock is injected. Derived signing keys are cached per (key, secret, date, region,
/// service), so a request costs one HMAC for its signature.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
public struct SigV4Verifier: Sendable {
    /// The only SigV4 algorithm accepted: `AWS4-HMAC-SHA256`.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// Hex SHA-256 of the empty payload.
    public static let emptyPayloadSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The payload-hash literal of requests that do not sign their body.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// The payload-hash literal of signed aws-chunked bodies (verify each chunk with ``ChunkSignatureCalculator``).
    public static let streamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    /// The payload-hash literal of signed aws-chunked bodies with a signed trailer.
    public static let streamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
    /// The payload-hash literal of unsigned aws-chunked bodies with a trailing checksum (boto3 over https).
    public static let streamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"

    /// The region this server answers for; the credential scope must name it.
    public let region: String
    /// The largest allowed distance between request time and server time, in seconds.
    public let maxClockSkew: TimeInterval
    private let secretLookup: SecretLookup
    private let now: @Sendable () -> Date
    let keyCache: SigningKeyCache

    /// Creates a verifier.
    /// - Parameters:
    ///   - region: the region the credential scope must name.
    ///   - secretLookup: returns the secret access key for an access key id, nil when unknown.
    ///   - now: the clock (inject a fixed one in tests).
    ///   - maxClockSkew: seconds of allowed skew, 15 minutes like AWS by default.
    public init(
        region: String,
        secretLookup: @escaping SecretLookup,
        now: @escaping @Sendable () -> Date = { Date() },
        maxClockSkew: TimeInterval = 900
    ) {
        self.region = region
        self.secretLookup = secretLookup
        self.now = now
        self.maxClockSkew = maxClockSkew
        self.keyCache = SigningKeyCache()
    }

    /// Verifies header auth (`Authorization: AWS4-HMAC-SHA256 ...`) or presigned query auth (`X-Amz-Algorithm=...`).
    /// - Parameters:
    ///   - request: the request as received.
    ///   - service: expected service in the credential scope ("kms" or "s3"); nil = accept any.
    ///   - bodySHA256: hex SHA-256 of the body, computed by the caller, used when the request has no
    ///     `x-amz-content-sha256` header (KMS, curl --aws-sigv4 for non-s3). When the header is present its
    ///     literal value is the payload hash (64-hex, UNSIGNED-PAYLOAD, STREAMING-... literals). Presigned:
    ///     UNSIGNED-PAYLOAD unless X-Amz-Content-Sha256 was included in the query.
    /// - Returns: who signed and what was verified; for a hex payload hash the caller must still check that
    ///   the body hashes to ``SigV4Authentication/payloadHash``.
    public func verify(
        _ request: SigV4Request,
        service: String?,
        bodySHA256: String?
    ) throws(SigV4Error) -> SigV4Authentication {
        let parameters = try SignatureParameters(request, bodySHA256: bodySHA256)
        do throws(SigV4Error) {
            try self.checkScope(parameters, service: service)
            guard let secret = self.secretLookup(parameters.credential.accessKeyId) else {
                throw SigV4Error.unknownAccessKey(parameters.credential.accessKeyId)
            }
            try self.checkTime(parameters)
            try self.checkAmzHeadersAreSigned(request, parameters)
            let signingKey = self.keyCache.signingKey(
                accessKeyId: parameters.credential.accessKeyId,
                secretAccessKey: secret,
                scope: parameters.credential
            )
            try self.checkSignature(request, parameters, signingKey: signingKey)
            return SigV4Authentication(parameters, signingKey: signingKey)
        } catch {
            var error = error
            error.accessKeyId = parameters.credential.accessKeyId
            error.signatureProvided = parameters.signature
            throw error
        }
    }

    /// The scope must name our region, the expected service, and the date of the request timestamp.
    private func checkScope(_ parameters: SignatureParameters, service: String?) throws(SigV4Error) {
        let credential = parameters.credential
        guard credential.region == self.region else { throw .wrongRegion(credential.region, expected: self.region) }
        if let service, credential.service != service {
            throw .malformed("Credential should be scoped to correct service: '\(service)'.")
        }
        guard parameters.amzDate.hasPrefix(credential.date) else {
            throw .malformed("Invalid credential date. Date is not the same as X-Amz-Date.")
        }
    }

    /// Header auth: within the skew either way. Presigned: not from the future, not expired.
    private func checkTime(_ parameters: SignatureParameters) throws(SigV4Error) {
        let now = self.now()
        let requestDate = parameters.requestDate
        if let expires = parameters.expires {
            if requestDate.timeIntervalSince(now) > self.maxClockSkew {
                throw .clockSkewed(requestTime: requestDate, serverTime: now, maxClockSkew: self.maxClockSkew)
            }
            let expiresAt = requestDate.addingTimeInterval(TimeInterval(expires))
            if now > expiresAt { throw .requestExpired(expiresAt: expiresAt, serverTime: now) }
        } else if abs(requestDate.timeIntervalSince(now)) > self.maxClockSkew {
            throw .clockSkewed(requestTime: requestDate, serverTime: now, maxClockSkew: self.maxClockSkew)
        }
    }
}
