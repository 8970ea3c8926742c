import Crypto
import Hummingbird
import NIOCore
import TextCodings

/// A request body as the object store should see it: decoded from aws-chunked and checked against what was signed,
/// while it streams.
///
/// - ``Encoding/raw(length:)``: passed through (UNSIGNED-PAYLOAD, presigned, SigV2).
/// - ``Encoding/sha256(expected:length:)``: passed through while hashed; at the end a mismatch with the signed
///   `x-amz-content-sha256` throws `XAmzContentSHA256Mismatch`, so the store commits nothing.
/// - Both check that the body had its declared `Content-Length` (`IncompleteBody` otherwise).
/// - ``Encoding/awsChunked(_:decodedLength:trailerNames:)``: decoded by ``AWSChunkedDecoder`` (signatures verified),
///   the decoded length checked and the trailers published to ``trailers`` before the end is reported.
///
/// The first read triggers `onFirstRead`, which sends `100 Continue`: a request refused before its body is needed
/// (no bucket, a KMS error) is answered without the client uploading anything.
struct S3RequestBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// How the body is framed and what protects it.
    enum Encoding: Sendable {
        case raw(length: Int64?)
        case sha256(expected: String, length: Int64?)
        case awsChunked(AWSChunkedDecoder, decodedLength: Int64, trailerNames: [String])
    }

    let base: RequestBody
    let encoding: Encoding
    /// Where the trailing headers of an aws-chunked body are published.
    let trailers: TrailerStore
    let onFirstRead: @Sendable () -> Void

    func makeAsyncIterator() -> Iterator {
        Iterator(body: self)
    }

    /// Iterates the decoded, verified bytes.
    struct Iterator: AsyncIteratorProtocol {
        private var base: RequestBody.AsyncIterator
        private let encoding: Encoding
        private let trailers: TrailerStore
        private let onFirstRead: @Sendable () -> Void
        private var started = false
        private var finished = false
        private var hasher: SHA256?
        private var decoder: AWSChunkedDecoder?
        private var pending = ByteBuffer()
        private var received: Int64 = 0

        init(body: S3RequestBody) {
            self.base = body.base.makeAsyncIterator()
            self.encoding = body.encoding
            self.trailers = body.trailers
            self.onFirstRead = body.onFirstRead
            switch encoding {
            case .raw: break
            case .sha256: hasher = SHA256()
            case .awsChunked(let decoder, _, _): self.decoder = decoder
            }
        }

        mutating func next() async throws -> ByteBuffer? {
            guard !finished else { return nil }
            if !started {
                started = true
                onFirstRead()
            }
            switch encoding {
            case .raw(let length):
                return try await nextRaw(length: length)
            case .sha256(let expected, let length):
                return try await nextHashed(expected: expected, length: length)
            case .awsChunked(_, let decodedLength, let trailerNames):
                return try await nextDecoded(decodedLength: decodedLength, trailerNames: trailerNames)
            }
        }

        private mutating func nextRaw(length: Int64?) async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else {
                try finishRaw(length: length)
                return nil
            }
            received += Int64(buffer.readableBytes)
            return buffer
        }

        private mutating func nextHashed(expected: String, length: Int64?) async throws -> ByteBuffer? {
            if let buffer = try await base.next() {
                buffer.withUnsafeReadableBytes { hasher!.update(bufferPointer: $0) }
                received += Int64(buffer.readableBytes)
                return buffer
            }
            try finishRaw(length: length)
            let computed = Hex.encode(hasher!.finalize())
            guard computed == expected.lowercased() else {
                throw S3Error.contentSHA256Mismatch(client: expected, computed: computed)
            }
            return nil
        }

        private mutating func nextDecoded(decodedLength: Int64, trailerNames: [String]) async throws -> ByteBuffer? {
            while true {
                switch try decoder!.next(from: &pending) {
                case .data(let buffer):
                    guard decoder!.decodedLength <= decodedLength else {
                        throw S3Error.invalidRequest("The aws-chunked body is longer than x-amz-decoded-content-length")
                    }
                    return buffer
                case .needsInput:
                    guard let buffer = try await base.next() else {
                        try decoder!.endOfInput()
                        return try finish(decodedLength: decodedLength, trailerNames: trailerNames)
                    }
                    pending = buffer
                case .finished:
                    guard pending.readableBytes == 0 else { throw AWSChunkedDecoder.malformed }
                    while let extra = try await base.next() {
                        guard extra.readableBytes == 0 else { throw AWSChunkedDecoder.malformed }
                    }
                    return try finish(decodedLength: decodedLength, trailerNames: trailerNames)
                }
            }
        }

        /// A plain body ended: it must have had its declared length.
        private mutating func finishRaw(length: Int64?) throws(S3Error) {
            finished = true
            if let length, length != received { throw .incompleteBody }
        }

        /// The body ended: the length must match and every announced trailer must be there.
        private mutating func finish(decodedLength: Int64, trailerNames: [String]) throws(S3Error) -> ByteBuffer? {
            finished = true
            guard decoder!.decodedLength == decodedLength else { throw .incompleteBody }
            trailers.publish(decoder!.trailers)
            for name in trailerNames where trailers.value(name) == nil {
                throw .invalidRequest("The trailer \(name) announced in x-amz-trailer is missing")
            }
            return nil
        }
    }
}
