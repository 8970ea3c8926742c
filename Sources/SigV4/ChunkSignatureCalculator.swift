#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Computes and checks the signatures of a signed aws-chunked body (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD` and
/// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`), chunk after chunk.
///
/// Each chunk's signature chains on the previous one, starting from the seed signature of the request
/// headers. The final zero-length chunk is signed too; with a trailer, the trailer signature chains on the
/// final chunk's signature.
/// See https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
public struct ChunkSignatureCalculator: Sendable {
    /// The signature the next chunk chains on: the seed signature at first, then the last verified chunk's.
    public private(set) var previousSignature: String
    private let signingKey: SigningKey
    private let amzDate: String
    private let scope: String

    /// Starts from a verified request whose payload hash is a `STREAMING-AWS4-HMAC-SHA256-...` literal.
    public init(authentication: SigV4Authentication) {
        self.init(
            signingKey: authentication.signingKey,
            amzDate: authentication.amzDate,
            scope: authentication.scope,
            seedSignature: authentication.signature
        )
    }

    /// Starts from explicit values.
    public init(signingKey: SigningKey, amzDate: String, scope: String, seedSignature: String) {
        self.signingKey = signingKey
        self.amzDate = amzDate
        self.scope = scope
        self.previousSignature = seedSignature
    }

    /// The string to sign of a chunk:
    /// `AWS4-HMAC-SHA256-PAYLOAD\n<amzDate>\n<scope>\n<previous signature>\n<sha256("")>\n<sha256(chunk)>`.
    public func chunkStringToSign(chunkSHA256: String) -> String {
        "AWS4-HMAC-SHA256-PAYLOAD\n\(self.amzDate)\n\(self.scope)\n\(self.previousSignature)\n"
            + "\(SigV4Verifier.emptyPayloadSHA256)\n\(chunkSHA256)"
    }

    /// The expected signature of the next chunk, given the hex SHA-256 of its data; advances the chain.
    public mutating func nextSignature(chunkSHA256: String) -> String {
        let signature = self.signingKey.signature(for: self.chunkStringToSign(chunkSHA256: chunkSHA256))
        self.previousSignature = signature
        return signature
    }

    /// The expected signature of the next chunk; advances the chain.
    public mutating func nextSignature(chunk: some DataProtocol) -> String {
        self.nextSignature(chunkSHA256: hexSHA256(chunk))
    }

    /// Checks the signature a client sent for the next chunk (constant time); advances only when it matches.
    /// - Throws: ``SigV4Error/Code/signatureMismatch`` with the chunk's string to sign.
    public mutating func verifyChunk(sha256 chunkSHA256: String, signature: String) throws(SigV4Error) {
        let stringToSign = self.chunkStringToSign(chunkSHA256: chunkSHA256)
        let expected = self.signingKey.signature(for: stringToSign)
        guard constantTimeEquals(expected, signature) else {
            var error = SigV4Error.signatureMismatch(stringToSign: stringToSign, canonicalRequest: nil)
            error.signatureProvided = signature
            throw error
        }
        self.previousSignature = expected
    }

    /// The canonical trailer: `name:value\n` per trailing header, lower-case names, values trimmed, in order.
    public static func canonicalTrailer(_ trailers: [(name: String, value: String)]) -> String {
        trailers.map { "\($0.name.lowercased()):\($0.value.trimmingASCIISpaces())\n" }.joined()
    }

    /// The string to sign of the trailer:
    /// `AWS4-HMAC-SHA256-TRAILER\n<amzDate>\n<scope>\n<final chunk signature>\n<sha256(canonical trailer)>`.
    public func trailerStringToSign(canonicalTrailer: String) -> String {
        "AWS4-HMAC-SHA256-TRAILER\n\(self.amzDate)\n\(self.scope)\n\(self.previousSignature)\n"
            + hexSHA256(Array(canonicalTrailer.utf8))
    }

    /// The expected trailer signature; call after the final (zero-length) chunk.
    public func trailerSignature(canonicalTrailer: String) -> String {
        self.signingKey.signature(for: self.trailerStringToSign(canonicalTrailer: canonicalTrailer))
    }

    /// Checks the `x-amz-trailer-signature` a client sent (constant time).
    /// - Throws: ``SigV4Error/Code/signatureMismatch`` with the trailer's string to sign.
    public func verifyTrailer(canonicalTrailer: String, signature: String) throws(SigV4Error) {
        let stringToSign = self.trailerStringToSign(canonicalTrailer: canonicalTrailer)
        guard constantTimeEquals(self.signingKey.signature(for: stringToSign), signature) else {
            var error = SigV4Error.signatureMismatch(stringToSign: stringToSign, canonicalRequest: nil)
            error.signatureProvided = signature
            throw error
        }
    }
}
