import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Verifies the signature of a browser POST upload's policy (S3 "POST Object"): what the form signs is the
/// base64 policy document itself, as sent.
///
/// - SigV4: `x-amz-signature` = hex `HMAC-SHA256(signingKey, policy)`, the signing key derived from the
///   `x-amz-credential` scope (date, region, `s3`) as for any SigV4 request.
///   See https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html
/// - SigV2: `signature` = base64 `HMAC-SHA1(secret, policy)`.
///   See https://docs.aws.amazon.com/AmazonS3/latest/userguide/HTTPPOSTForms.html
///
/// Signatures are compared in constant time. Expiry is the policy's (`expiration`), checked by its evaluator:
/// `x-amz-date` is not held to a clock skew.
public struct PostPolicyVerifier: Sendable {
    private let region: String
    private let secretLookup: SecretLookup

    /// Creates a verifier for `region` over the server's secrets.
    public init(region: String, secretLookup: @escaping SecretLookup) {
        self.region = region
        self.secretLookup = secretLookup
    }

    /// Verifies a SigV4 policy signature and returns what it proves.
    /// - Parameters:
    ///   - policy: the `policy` field, base64 as sent.
    ///   - algorithm: `x-amz-algorithm`, which must be `AWS4-HMAC-SHA256`.
    ///   - credential: `x-amz-credential`, `<AKID>/<yyyymmdd>/<region>/s3/aws4_request`.
    ///   - amzDate: `x-amz-date`, `yyyyMMdd'T'HHmmss'Z'`.
    ///   - signature: `x-amz-signature`, lower-case hex.
    public func verifySigV4(
        policy: String, algorithm: String, credential: String, amzDate: String, signature: String
    ) throws(SigV4Error) -> SigV4Authentication {
        guard algorithm == SigV4Verifier.algorithm else { throw .unsupportedAlgorithm(algorithm) }
        let scope = try CredentialScope(parsing: credential)
        guard scope.region == region else { throw .wrongRegion(scope.region, expected: region) }
        guard scope.service == "s3" else { throw .malformed("Invalid service in x-amz-credential: \(scope.service)") }
        guard let date = AMZDate.parse(amzDate) else { throw .malformed("Invalid x-amz-date: \(amzDate)") }
        guard let secret = secretLookup(scope.accessKeyId) else { throw .unknownAccessKey(scope.accessKeyId) }
        let signingKey = SigningKey(
            secretAccessKey: secret, date: scope.date, region: scope.region, service: scope.service)
        guard constantTimeEquals(signingKey.signature(for: policy), signature) else {
            throw Self.mismatch(policy, accessKeyId: scope.accessKeyId, signature: signature)
        }
        return SigV4Authentication(
            accessKeyId: scope.accessKeyId, region: scope.region, service: scope.service, requestDate: date,
            amzDate: amzDate, scope: scope.scope, signature: signature, signedHeaders: [],
            payloadHash: SigV4Verifier.unsignedPayload, isPresigned: false, signingKey: signingKey)
    }

    /// Verifies a SigV2 policy signature; returns the access key id that signed.
    public func verifySigV2(policy: String, accessKeyId: String, signature: String) throws(SigV4Error) -> String {
        guard let secret = secretLookup(accessKeyId) else { throw .unknownAccessKey(accessKeyId) }
        guard constantTimeEquals(SigV2Verifier.signature(policy, secret: secret), signature) else {
            throw Self.mismatch(policy, accessKeyId: accessKeyId, signature: signature)
        }
        return accessKeyId
    }

    private static func mismatch(_ policy: String, accessKeyId: String, signature: String) -> SigV4Error {
        var error = SigV4Error.signatureMismatch(stringToSign: policy, canonicalRequest: nil)
        error.accessKeyId = accessKeyId
        error.signatureProvided = signature
        return error
    }
}
