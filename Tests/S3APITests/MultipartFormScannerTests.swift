import NIOCore
import Testing

@testable import S3API

/// The streaming `multipart/form-data` scanner and the POST form reader over it.
@Suite struct MultipartFormScannerTests {
    static let boundary = "----formBoundary7MA4YWxk"

    /// A body of fields then a file part, then an ignored trailing field.
    static func body(fields: [(String, String)], file: String, fileName: String = "cat.txt") -> String {
        var text = ""
        for (name, value) in fields {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n"
        text += "Content-Type: text/plain\r\n\r\n\(file)\r\n"
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nignored\r\n--\(boundary)--\r\n"
        return text
    }

    /// Scans `body` fed in chunks of `chunkSize` bytes; returns the events with contiguous content merged.
    static func scan(_ body: [UInt8], chunkSize: Int, boundary: String = boundary) throws -> [MultipartFormScanner
        .Event]
    {
        var scanner = MultipartFormScanner(boundary: boundary)
        var events: [MultipartFormScanner.Event] = []
        func drain() throws {
            while let event = try scanner.next() {
                if case .content(var more) = event, case .content(var last)? = events.last {
                    last.writeBuffer(&more)
                    events[events.count - 1] = .content(last)
                } else {
                    events.append(event)
                }
                if case .end = event { return }
            }
        }
        var offset = 0
        while offset < body.count {
            let end = min(offset + chunkSize, body.count)
            scanner.append(ByteBuffer(bytes: body[offset..<end]))
            offset = end
            try drain()
        }
        scanner.finish()
        if events.last != .end { try drain() }
        return events
    }

    /// Reads a whole form (fields, then the file collected) from `body` in chunks of `chunkSize`.
    static func read(_ body: String, chunkSize: Int) async throws -> (PostForm, String) {
        let bytes = Array(body.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map {
            ByteBuffer(bytes: bytes[$0..<min($0 + chunkSize, bytes.count)])
        }
        var reader = PostFormReader(base: ChunkIterator(chunks: chunks), boundary: boundary)
        let form = try await reader.readFields()
        var file = ByteBuffer()
        while var chunk = try await reader.nextFileChunk() { file.writeBuffer(&chunk) }
        return (form, String(buffer: file))
    }

    @Test func everySplitOfTheBodyGivesTheSameEvents() throws {
        // Content holding near-delimiters: CR, LF, CRLF, "--", and the boundary without its CRLF.
        let file = "a\r\nb\rc\n\r\nx--\(Self.boundary) \r\n-\r\n--\(String(Self.boundary.dropLast()))\r\n\r"
        let bytes = Array(Self.body(fields: [("key", "k/${filename}")], file: file).utf8)
        let expected = try Self.scan(bytes, chunkSize: bytes.count)
        #expect(expected.count == 10)
        #expect(expected[4] == .content(ByteBuffer(string: file)))
        for chunkSize in 1..<80 {
            #expect(try Self.scan(bytes, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func aBodyWithoutItsClosingDelimiterIsTruncated() throws {
        let bytes = Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc".utf8)
        #expect(throws: MultipartFormError.truncated) { _ = try Self.scan(bytes, chunkSize: 7) }
    }

    @Test(arguments: [
        "--B\r\nno colon here\r\n\r\nx\r\n--B--",  // a header line without a colon
        "--B\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--",  // LF alone after the delimiter
        "--Bjunk\r\n\r\nx\r\n--B--",  // text after the delimiter
    ])
    func malformedFramingIsRefused(body: String) throws {
        #expect(throws: MultipartFormError.malformed) {
            _ = try Self.scan(Array(body.utf8), chunkSize: 3, boundary: "B")
        }
    }

    @Test func aPreambleTransportPaddingAndAnEmptyPartAreAccepted() throws {
        let body = "preamble\r\n--B  \t\r\n\r\n\r\n--B\r\nX: y\r\n\r\nv\r\n--B--epilogue"
        let events = try Self.scan(Array(body.utf8), chunkSize: 2, boundary: "B")
        #expect(
            events == [
                .partHeaders([]), .partEnd, .partHeaders([(name: "X", value: "y")]), .content(ByteBuffer(string: "v")),
                .partEnd, .end,
            ])
    }

    @Test func anEndlessHeaderBlockIsRefusedAtItsLimit() throws {
        var scanner = MultipartFormScanner(boundary: "B", maxHeaderBytes: 100)
        scanner.append(ByteBuffer(string: "--B\r\nX: "))
        #expect(try scanner.next() == nil)
        scanner.append(ByteBuffer(repeating: UInt8(ascii: "a"), count: 200))
        #expect(throws: MultipartFormError.headerTooLarge) { _ = try scanner.next() }
    }

    @Test func theReaderReturnsFieldsCaseInsensitivelyAndTheFileAlone() async throws {
        let body = Self.body(fields: [("Key", "a/${filename}"), ("X-Amz-Meta-Colour", "blue")], file: "the bytes\r\n")
        for chunkSize in [1, 5, 64, 4096] {
            let (form, file) = try await Self.read(body, chunkSize: chunkSize)
            #expect(form["key"] == "a/${filename}" && form["x-amz-meta-colour"] == "blue")
            #expect(form.names == ["key", "x-amz-meta-colour"])
            #expect(form.fileName == "cat.txt" && form.fileContentType == "text/plain")
            #expect(file == "the bytes\r\n")
        }
    }

    @Test func fieldsBeyond20KiBAreRefused() async throws {
        let body = Self.body(
            fields: [("key", "k"), ("x-amz-meta-big", String(repeating: "a", count: 20 * 1024))], file: "")
        await #expect(throws: S3Error.maxPostPreDataLengthExceeded) { _ = try await Self.read(body, chunkSize: 1000) }
    }

    @Test func partHeadersCountTowardsThe20KiB() async throws {
        var body = ""
        for index in 0..<5 {
            body += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n"
            body += "X-Pad: \(String(repeating: "p", count: 5000))\r\n\r\nv\r\n"
        }
        body += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--\(Self.boundary)--"
        await #expect(throws: S3Error.maxPostPreDataLengthExceeded) { _ = try await Self.read(body, chunkSize: 512) }
    }

    @Test func aFormWithoutAFilePartIsRefused() async throws {
        let body =
            "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--\(Self.boundary)--\r\n"
        await #expect(throws: S3Error.postWithoutFile) { _ = try await Self.read(body, chunkSize: 10) }
    }

    @Test func aDuplicateFieldInAnyCaseIsRefused() async throws {
        let body = Self.body(fields: [("key", "a"), ("KEY", "b")], file: "x")
        await #expect(throws: S3Error.self) { _ = try await Self.read(body, chunkSize: 10) }
    }

    @Test(arguments: [
        (
            #"form-data; name="file"; filename="a \"b\".txt""#,
            FormDisposition?.some(.init(name: "file", fileName: #"a "b".txt"#))
        ),
        ("form-data; name=key", .init(name: "key", fileName: nil)),
        (#"FORM-DATA ; NAME = "k" ; x=y"#, .init(name: "k", fileName: nil)),
        ("attachment; name=\"k\"", nil),
        ("form-data; filename=\"x\"", nil),
        ("form-data; name=\"unterminated", nil),
    ])
    func contentDispositionParameters(value: String, expected: FormDisposition?) {
        #expect(FormDisposition(value) == expected)
    }
}

/// Hands out prepared chunks, as a request body would.
struct ChunkIterator: AsyncIteratorProtocol {
    var chunks: [ByteBuffer]

    mutating func next() async throws -> ByteBuffer? {
        chunks.isEmpty ? nil : chunks.removeFirst()
    }
}
