import HTTPTypes
import Hummingbird
import SigV4
import TextCodings

extension S3RequestBody.Encoding {
    /// What the signature says about the body, from the `x-amz-content-sha256` that was signed.
    ///
    /// Returns the encoding and the payload length when it is declared (`Content-Length`, or
    /// `x-amz-decoded-content-length` for aws-chunked).
    /// - Throws: `MissingContentLength` for aws-chunked without a decoded length, `NotImplemented` for SigV4a
    ///   streaming, `InvalidArgument` for a value that is none of the allowed ones.
    static func of(_ request: Request, identity: S3Identity) throws(S3Error) -> (Self, declaredLength: Int64?) {
        let contentLength = request.headers[.contentLength].flatMap { Int64($0) }
        guard case .sigV4(_, let authentication) = identity else { return (.raw(length: contentLength), contentLength) }
        let hash = authentication.payloadHash
        switch hash {
        case SigV4Verifier.unsignedPayload:
            return (.raw(length: contentLength), contentLength)
        case SigV4Verifier.streamingSignedPayload:
            return try chunked(request, ChunkSignatureCalculator(authentication: authentication), signedTrailer: false)
        case SigV4Verifier.streamingSignedPayloadTrailer:
            return try chunked(request, ChunkSignatureCalculator(authentication: authentication), signedTrailer: true)
        case SigV4Verifier.streamingUnsignedPayloadTrailer:
            return try chunked(request, nil, signedTrailer: false)
        case _ where Hex.isDigits(hash, count: 64):
            return (.sha256(expected: hash, length: contentLength), contentLength)
        case _ where hash.hasPrefix("STREAMING-"):
            throw .notImplemented("x-amz-content-sha256")
        default:
            throw .invalidArgument(
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                    + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
                    + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER "
                    + "or a valid sha256 value.",
                name: "x-amz-content-sha256", value: String(hash.prefix(128))
            )
        }
    }

    private static func chunked(
        _ request: Request, _ signatures: ChunkSignatureCalculator?, signedTrailer: Bool
    ) throws(S3Error) -> (Self, declaredLength: Int64?) {
        guard let decodedLength = request.headers[.amzDecodedContentLength].flatMap({ Int64($0) }), decodedLength >= 0
        else { throw .missingContentLength }
        let decoder = AWSChunkedDecoder(signatures: signatures, signedTrailer: signedTrailer)
        return (
            .awsChunked(decoder, decodedLength: decodedLength, trailerNames: trailerNames(request.headers)),
            decodedLength
        )
    }

    /// The lower-case names listed in `x-amz-trailer`.
    static func trailerNames(_ headers: HTTPFields) -> [String] {
        guard let value = headers[.amzTrailer] else { return [] }
        return value.split(separator: ",").map { $0.filter { $0 != " " }.lowercased() }.filter { !$0.isEmpty }
    }
}
