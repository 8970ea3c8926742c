#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The result of a successful SigV4 verification: who signed, and what the signature covered.
public struct SigV4Authentication: Sendable {
    /// The access key id that signed the request.
    public let accessKeyId: String
    /// The region of the credential scope.
    public let region: String
    /// The service of the credential scope ("s3", "kms").
    public let service: String
    /// The request time, from `X-Amz-Date` (or the `Date` header).
    public let requestDate: Date
    /// The raw `X-Amz-Date` string (the `Date` header rewritten in that form when it was used instead).
    public let amzDate: String
    /// The credential scope: `yyyymmdd/region/service/aws4_request`.
    public let scope: String
    /// The verified signature, lowercase hex: the seed signature of an aws-chunked body.
    public let signature: String
    /// The lower-case signed header names.
    public let signedHeaders: [String]
    /// The payload hash used in the canonical request: 64-hex, `UNSIGNED-PAYLOAD` or a `STREAMING-...` literal.
    public let payloadHash: String
    /// True for presigned (query) authentication.
    public let isPresigned: Bool
    /// The derived signing key, for aws-chunked chunk signatures (opaque, never printed).
    public let signingKey: SigningKey

    /// Creates an authentication result (for tests and for other verifiers).
    public init(
        accessKeyId: String,
        region: String,
        service: String,
        requestDate: Date,
        amzDate: String,
        scope: String,
        signature: String,
        signedHeaders: [String],
        payloadHash: String,
        isPresigned: Bool,
        signingKey: SigningKey
    ) {
        self.accessKeyId = accessKeyId
        self.region = region
        self.service = service
        self.requestDate = requestDate
        self.amzDate = amzDate
        self.scope = scope
        self.signature = signature
        self.signedHeaders = signedHeaders
        self.payloadHash = payloadHash
        self.isPresigned = isPresigned
        self.signingKey = signingKey
    }

    init(_ parameters: SignatureParameters, signingKey: SigningKey) {
        self.init(
            accessKeyId: parameters.credential.accessKeyId,
            region: parameters.credential.region,
            service: parameters.credential.service,
            requestDate: parameters.requestDate,
            amzDate: parameters.amzDate,
            scope: parameters.credential.scope,
            signature: parameters.signature,
            signedHeaders: parameters.signedHeaders,
            payloadHash: parameters.payloadHash,
            isPresigned: parameters.isPresigned,
            signingKey: signingKey
        )
    }

    /// True when the payload hash is a 64-hex SHA-256 the caller must check against the body.
    public var payloadHashIsHexDigest: Bool {
        SigV4Verifier.isHexSHA256(self.payloadHash)
    }
}
