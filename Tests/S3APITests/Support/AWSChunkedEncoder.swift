import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SigV4

/// Builds aws-chunked uploads the way the AWS SDKs do, signed with the seed signature of the request headers.
struct AWSChunkedUpload {
    enum Mode {
        case signed
        case signedTrailer
        case unsignedTrailer

        var payloadHash: String {
            switch self {
            case .signed: SigV4Verifier.streamingSignedPayload
            case .signedTrailer: SigV4Verifier.streamingSignedPayloadTrailer
            case .unsignedTrailer: SigV4Verifier.streamingUnsignedPayloadTrailer
            }
        }
    }

    var mode: Mode
    var data: [UInt8]
    var chunkSize = 64 * 1024
    /// The trailing checksum header, e.g. `("x-amz-checksum-crc32", "...")`.
    var trailer: (name: String, value: String)?
    var extraHeaders: [(String, String)] = []
    /// Overrides `x-amz-decoded-content-length`.
    var declaredLength: Int?
    /// Flips a character of this chunk's signature (0-based; the final empty chunk is `chunks.count`).
    var tamperChunk: Int?
    var tamperTrailerSignature = false

    /// Signs the headers, then frames and signs the body.
    func request(path: String) -> (uri: String, headers: HTTPFields, body: ByteBuffer) {
        var headers = [
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", String(declaredLength ?? data.count)),
        ]
        if let trailer { headers.append(("x-amz-trailer", trailer.name)) }
        headers += extraHeaders
        let (_, fields) = signedRequest(
            .put, path, query: "", headers: headers, body: nil, auth: .sigV4(payloadHash: mode.payloadHash))
        let authorization = fields[.authorization]!
        let seed = String(authorization.split(separator: "=").last!)
        let amzDate = fields[HTTPField.Name("X-Amz-Date")!]!
        let calculator = ChunkSignatureCalculator(
            signingKey: SigningKey(
                secretAccessKey: S3TestHarness.secretAccessKey, date: String(amzDate.prefix(8)),
                region: S3TestHarness.region, service: "s3"),
            amzDate: amzDate, scope: "\(amzDate.prefix(8))/\(S3TestHarness.region)/s3/aws4_request",
            seedSignature: seed)
        return (path, fields, body(calculator))
    }

    private func body(_ start: ChunkSignatureCalculator) -> ByteBuffer {
        var calculator = start
        var out = ByteBuffer()
        var chunks = stride(from: 0, to: data.count, by: chunkSize).map {
            Array(data[$0..<min($0 + chunkSize, data.count)])
        }
        chunks.append([])
        for (index, chunk) in chunks.enumerated() {
            out.writeString(String(chunk.count, radix: 16))
            if mode != .unsignedTrailer {
                var signature = calculator.nextSignature(chunk: chunk)
                if tamperChunk == index { signature = Self.flip(signature) }
                out.writeString(";chunk-signature=\(signature)")
            }
            out.writeString("\r\n")
            if !chunk.isEmpty {
                out.writeBytes(chunk)
                out.writeString("\r\n")
            }
        }
        if let trailer {
            out.writeString("\(trailer.name):\(trailer.value)\r\n")
            if mode == .signedTrailer {
                var signature = calculator.trailerSignature(
                    canonicalTrailer: ChunkSignatureCalculator.canonicalTrailer([(trailer.name, trailer.value)]))
                if tamperTrailerSignature { signature = Self.flip(signature) }
                out.writeString("x-amz-trailer-signature:\(signature)\r\n")
            }
        }
        out.writeString("\r\n")
        return out
    }

    private static func flip(_ signature: String) -> String {
        let first = signature.first == "0" ? "1" : "0"
        return first + signature.dropFirst()
    }
}

extension TestClientProtocol {
    /// Sends an aws-chunked PUT.
    func put(_ path: String, upload: AWSChunkedUpload) async throws -> TestResponse {
        let (uri, headers, body) = upload.request(path: path)
        return try await execute(uri: uri, method: .put, headers: headers, body: body)
    }
}
