import Crypto
import NIOCore
import SigV4
import TextCodings

/// Decodes an `aws-chunked` body incrementally: the chunk framing of S3's streaming uploads.
///
/// ```
/// <hex-size>[;chunk-signature=<64hex>]\r\n<data>\r\n   … repeated …
/// 0[;chunk-signature=<64hex>]\r\n[<trailer>:<value>\r\n … [x-amz-trailer-signature:<64hex>\r\n]]\r\n
/// ```
/// Hand-written: no package on the mirror parses this framing. It is a value state machine fed with the request
/// body's buffers: data bytes come out as slices of the input (no copy), and only a header or trailer line is ever
/// buffered (at most ``maxLineLength`` bytes), so memory does not grow with the object.
///
/// With a ``ChunkSignatureCalculator`` every chunk's signature (the final empty chunk's too, and the trailer's) is
/// verified as its data ends. Bytes of a chunk are handed out before its signature is checked; the consumer (the
/// object store) commits nothing until the body has ended without error.
/// See https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
struct AWSChunkedDecoder: Sendable {
    /// What one step produced.
    enum Output {
        /// Decoded payload bytes.
        case data(ByteBuffer)
        /// The input is used up; feed the next buffer.
        case needsInput
        /// The final chunk and the trailers were read.
        case finished
    }

    /// The longest chunk header or trailer line accepted.
    static let maxLineLength = 4096
    /// The most trailing headers accepted.
    static let maxTrailers = 8

    private enum State {
        case chunkHeader
        case chunkData(remaining: Int)
        case chunkEnd
        case trailers
        case finished
    }

    private var state = State.chunkHeader
    private var line: [UInt8] = []
    private var signatures: ChunkSignatureCalculator?
    private var chunkHash = SHA256()
    private var chunkSignature = ""
    private let signedTrailer: Bool
    private var trailerSignature: String?
    /// The trailing headers read so far, lower-case names.
    private(set) var trailers: [(name: String, value: String)] = []
    /// The payload bytes decoded so far.
    private(set) var decodedLength: Int64 = 0

    /// Creates a decoder; `signatures` verifies chunk signatures (nil for `STREAMING-UNSIGNED-PAYLOAD-TRAILER`).
    /// - Parameter signedTrailer: the trailer must carry `x-amz-trailer-signature` (`…-PAYLOAD-TRAILER`).
    init(signatures: ChunkSignatureCalculator?, signedTrailer: Bool) {
        self.signatures = signatures
        self.signedTrailer = signedTrailer
    }

    /// Whether the final chunk and its trailers have been read.
    var isFinished: Bool {
        if case .finished = state { return true }
        return false
    }

    /// Consumes bytes of `input` and returns the next decoded data, or what it needs.
    mutating func next(from input: inout ByteBuffer) throws(S3Error) -> Output {
        while true {
            switch state {
            case .finished:
                return .finished
            case .chunkData(let remaining):
                guard input.readableBytes > 0 else { return .needsInput }
                let count = min(remaining, input.readableBytes)
                let slice = input.readSlice(length: count)!
                if signatures != nil { slice.withUnsafeReadableBytes { chunkHash.update(bufferPointer: $0) } }
                decodedLength += Int64(count)
                state = count == remaining ? .chunkEnd : .chunkData(remaining: remaining - count)
                return .data(slice)
            case .chunkHeader, .chunkEnd, .trailers:
                guard let line = try readLine(from: &input) else { return .needsInput }
                try handle(line)
            }
        }
    }

    /// Called when the input ended: accepts an unsigned trailer section whose last empty line is missing.
    mutating func endOfInput() throws(S3Error) {
        if case .trailers = state, line.isEmpty, !signedTrailer { state = .finished }
        guard isFinished else { throw .incompleteBody }
    }

    /// Reads up to and including the next CRLF; nil when the line is not complete yet.
    private mutating func readLine(from input: inout ByteBuffer) throws(S3Error) -> [UInt8]? {
        let view = input.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            guard line.count + view.count <= Self.maxLineLength else { throw Self.malformed }
            line.append(contentsOf: view)
            input.moveReaderIndex(forwardBy: view.count)
            return nil
        }
        let length = newline - view.startIndex
        guard line.count + length <= Self.maxLineLength else { throw Self.malformed }
        line.append(contentsOf: view[view.startIndex..<newline])
        input.moveReaderIndex(forwardBy: length + 1)
        guard line.last == UInt8(ascii: "\r") else { throw Self.malformed }
        defer { line.removeAll(keepingCapacity: true) }
        return Array(line.dropLast())
    }

    private mutating func handle(_ line: [UInt8]) throws(S3Error) {
        switch state {
        case .chunkHeader: try startChunk(line)
        case .chunkEnd:
            guard line.isEmpty else { throw Self.malformed }
            try verifyChunk(hash: Hex.encode(chunkHash.finalize()))
            state = .chunkHeader
        case .trailers: try addTrailer(line)
        case .chunkData, .finished: break
        }
    }

    /// `<hex-size>[;chunk-signature=<sig>]`.
    private mutating func startChunk(_ line: [UInt8]) throws(S3Error) {
        let parts = line.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)
        guard let sizeField = parts.first, (1...15).contains(sizeField.count),
            let size = Int(String(decoding: sizeField, as: UTF8.self), radix: 16), size >= 0
        else { throw Self.malformed }
        if signatures != nil {
            let prefix = Array("chunk-signature=".utf8)
            guard parts.count == 2, parts[1].starts(with: prefix) else { throw Self.malformed }
            chunkSignature = String(decoding: parts[1].dropFirst(prefix.count), as: UTF8.self)
        }
        chunkHash = SHA256()
        if size == 0 {
            try verifyChunk(hash: SigV4Verifier.emptyPayloadSHA256)
            state = .trailers
        } else {
            state = .chunkData(remaining: size)
        }
    }

    private mutating func verifyChunk(hash: String) throws(S3Error) {
        guard signatures != nil else { return }
        do {
            try signatures!.verifyChunk(sha256: hash, signature: chunkSignature)
        } catch {
            throw S3Error.signatureMismatch(error)
        }
    }

    /// A trailing `name:value` line, or the empty line that ends the body.
    private mutating func addTrailer(_ line: [UInt8]) throws(S3Error) {
        guard !line.isEmpty else { return try finish() }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), trailers.count < Self.maxTrailers else {
            throw Self.malformed
        }
        let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: " \t")
        if name == "x-amz-trailer-signature" {
            trailerSignature = value
        } else {
            trailers.append((name, value))
        }
    }

    private mutating func finish() throws(S3Error) {
        if signedTrailer, let signatures {
            guard let trailerSignature else { throw Self.malformed }
            let canonical = ChunkSignatureCalculator.canonicalTrailer(trailers)
            do {
                try signatures.verifyTrailer(canonicalTrailer: canonical, signature: trailerSignature)
            } catch {
                throw S3Error.signatureMismatch(error)
            }
        }
        state = .finished
    }

    /// Bad framing: AWS answers `IncompleteBody` for a body that does not parse as aws-chunked.
    static let malformed = S3Error.incompleteBody
}

extension String {
    /// Drops leading and trailing characters of `set` (ASCII only).
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let start = firstIndex(where: { !characters.contains($0) }) else { return "" }
        let end = lastIndex(where: { !characters.contains($0) })!
        return String(self[start...end])
    }
}
