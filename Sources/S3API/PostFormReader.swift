import NIOCore

/// Reads a browser POST upload's body: the fields before the `file` part, then the file's bytes as they arrive.
///
/// The fields are small and capped (``maxFieldBytes`` in all, as AWS caps them at 20 KiB); the file is never
/// buffered. Fields after the file part are ignored, as on AWS: they are read and dropped.
struct PostFormReader<Base: AsyncIteratorProtocol> where Base.Element == ByteBuffer {
    /// The largest total size of the fields before the file (their part headers and values): 20 KiB.
    static var maxFieldBytes: Int { 20 * 1024 }
    /// How much after the file part is read and dropped before the rest is left unread.
    static var maxEpilogueBytes: Int { 64 * 1024 }

    private var base: Base
    private var scanner: MultipartFormScanner
    private var baseEnded = false
    private var fileEnded = false

    /// Creates a reader over the body's chunks, for the request's `boundary`.
    init(base: Base, boundary: String) {
        self.base = base
        self.scanner = MultipartFormScanner(boundary: boundary)
    }

    /// Reads up to the start of the `file` part.
    /// - Throws: `MalformedPOSTRequest`, `MaxPostPreDataLengthExceeded`, or `InvalidArgument` for a body
    ///   without a file part.
    mutating func readFields() async throws -> PostForm {
        var form = PostForm()
        var total = 0
        var current: String?
        var value = ByteBuffer()
        while true {
            switch try await nextEvent() {
            case .partHeaders(let headers):
                let (disposition, contentType) = try Self.partHeaders(headers)
                total += headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
                if disposition.name.lowercased() == "file" {
                    form.fileName = disposition.fileName
                    form.fileContentType = contentType
                    return form
                }
                current = disposition.name
            case .content(var chunk):
                total += chunk.readableBytes
                guard total <= Self.maxFieldBytes else { throw S3Error.maxPostPreDataLengthExceeded }
                value.writeBuffer(&chunk)
            case .partEnd:
                guard let name = current else { continue }
                try form.add(name: name, value: String(buffer: value))
                current = nil
                value.clear()
            case .end:
                throw S3Error.postWithoutFile
            }
            guard total <= Self.maxFieldBytes else { throw S3Error.maxPostPreDataLengthExceeded }
        }
    }

    /// The next piece of the file's content, nil at its end (after the rest of the body was read and dropped).
    mutating func nextFileChunk() async throws -> ByteBuffer? {
        guard !fileEnded else { return nil }
        switch try await nextEvent() {
        case .content(let chunk): return chunk
        case .partEnd:
            fileEnded = true
            try await dropEpilogue()
            return nil
        case .partHeaders, .end: throw S3Error.malformedPOSTRequest
        }
    }

    /// Reads the parts after the file, up to the closing delimiter, and drops them (a bounded amount).
    private mutating func dropEpilogue() async throws {
        var dropped = 0
        while dropped <= Self.maxEpilogueBytes {
            switch try await nextEvent() {
            case .end: return
            case .content(let chunk): dropped += chunk.readableBytes
            case .partHeaders, .partEnd: continue
            }
        }
    }

    private mutating func nextEvent() async throws -> MultipartFormScanner.Event {
        while true {
            do throws(MultipartFormError) {
                if let event = try scanner.next() { return event }
            } catch {
                throw S3Error(error)
            }
            guard !baseEnded else { throw S3Error.malformedPOSTRequest }
            if let chunk = try await base.next() {
                scanner.append(chunk)
            } else {
                baseEnded = true
                scanner.finish()
            }
        }
    }

    /// A part's `Content-Disposition` (required, `form-data` with a name) and `Content-Type`.
    private static func partHeaders(_ headers: [(name: String, value: String)]) throws(S3Error) -> (
        FormDisposition, String?
    ) {
        let disposition = headers.first { $0.name.lowercased() == "content-disposition" }.flatMap {
            FormDisposition($0.value)
        }
        guard let disposition else { throw S3Error.malformedPOSTRequest }
        return (disposition, headers.first { $0.name.lowercased() == "content-type" }?.value)
    }
}
