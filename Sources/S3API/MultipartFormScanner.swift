import NIOCore

/// A streaming scanner of a `multipart/form-data` body (RFC 7578 over RFC 2046): fed chunks as they arrive, it
/// reports each part's header block, its content in pieces, and the end of each part and of the body.
///
/// Hand-written on purpose. vapor/multipart-kit 4.7.1 (on the mirror) has a streaming `MultipartParser`, but it
/// pushes through callbacks (`onHeader`/`onBody`/`onPartComplete`) with no back-pressure and no bound on a part's
/// header bytes: feeding it a socket would need an unbounded queue between its callbacks and the object store's
/// async read, and a client could grow a header without limit. This scanner is pulled instead (``next()``), so
/// the store reads the file part at its own pace, and it holds at most one chunk plus a delimiter's length of
/// content, and at most ``maxHeaderBytes`` of a header block.
struct MultipartFormScanner {
    /// One thing found in the body.
    enum Event: Equatable {
        /// A part begins; its header lines, names as sent.
        case partHeaders([(name: String, value: String)])
        /// Some of the current part's content.
        case content(ByteBuffer)
        /// The current part ended (a delimiter followed it).
        case partEnd
        /// The closing delimiter was read; whatever follows is the ignored epilogue.
        case end

        static func == (lhs: Event, rhs: Event) -> Bool {
            switch (lhs, rhs) {
            case (.partHeaders(let left), .partHeaders(let right)):
                left.map(\.name) == right.map(\.name) && left.map(\.value) == right.map(\.value)
            case (.content(let left), .content(let right)): left == right
            case (.partEnd, .partEnd), (.end, .end): true
            default: false
            }
        }
    }

    private enum State {
        /// Before the first delimiter: the preamble is skipped.
        case preamble
        /// Right after a delimiter: `--` closes the body, otherwise a header block follows.
        case afterDelimiter
        /// Reading a header block up to its empty line.
        case headers
        /// Reading a part's content up to the next delimiter.
        case content
        /// After the closing delimiter.
        case epilogue
    }

    /// The largest header block of one part.
    let maxHeaderBytes: Int
    /// `CRLF--boundary`: what ends every part.
    private let delimiter: [UInt8]
    private var pending = ByteBuffer()
    private var state = State.preamble
    private var inputEnded = false
    /// How far into the unread bytes the header block's end was searched already (keeps the search linear).
    private var headerSearched = 0

    /// Creates a scanner for `boundary` (the `boundary` parameter of the request's `Content-Type`).
    init(boundary: String, maxHeaderBytes: Int = 8192) {
        self.delimiter = Array("\r\n--\(boundary)".utf8)
        self.maxHeaderBytes = maxHeaderBytes
        // The first delimiter may open the body without a line break before it.
        self.pending.writeString("\r\n")
    }

    /// Adds the next chunk of the body.
    mutating func append(_ chunk: ByteBuffer) {
        var chunk = chunk
        if pending.readerIndex > 65_536 { pending.discardReadBytes() }
        pending.writeBuffer(&chunk)
    }

    /// Marks the end of the body: ``next()`` then reports what remains or throws for a truncated body.
    mutating func finish() {
        inputEnded = true
    }

    /// The next event, or nil when more input is needed (or, after the epilogue, never comes).
    /// - Throws: ``MultipartFormError`` for a malformed or truncated body or an oversized header block.
    mutating func next() throws(MultipartFormError) -> Event? {
        while true {
            switch state {
            case .preamble:
                guard let offset = find(delimiter) else { return try needMore(keeping: delimiter.count - 1) }
                pending.moveReaderIndex(forwardBy: offset + delimiter.count)
                state = .afterDelimiter
            case .afterDelimiter:
                guard let event = try afterDelimiter() else { return try needMore(keeping: .max) }
                if case .end = event { return event }
            case .headers:
                guard let event = try headerBlock() else { return try needMore(keeping: .max) }
                return event
            case .content:
                return try content()
            case .epilogue:
                pending.moveReaderIndex(forwardBy: pending.readableBytes)
                return nil
            }
        }
    }

    /// `--` closes the body; otherwise optional padding (spaces, tabs) and the CRLF that opens a header block.
    /// Returns `.end`, `.partEnd` as a marker that the header state was entered, or nil for more input.
    private mutating func afterDelimiter() throws(MultipartFormError) -> Event? {
        let view = pending.readableBytesView
        guard view.count >= 2 else { return nil }
        if view.first == UInt8(ascii: "-"), view.dropFirst().first == UInt8(ascii: "-") {
            pending.moveReaderIndex(forwardBy: 2)
            state = .epilogue
            return .end
        }
        let padding = view.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        guard padding < 64 else { throw .malformed }
        guard view.count >= padding + 2 else { return nil }
        let lineBreak = view.dropFirst(padding).prefix(2)
        guard lineBreak.elementsEqual([13, 10]) else { throw .malformed }
        // Keep the CRLF: the header block is then `CRLF (line CRLF)* CRLF`, found by one search for CRLF CRLF.
        pending.moveReaderIndex(forwardBy: padding)
        state = .headers
        return .partEnd
    }

    private static let blankLine: [UInt8] = [13, 10, 13, 10]

    /// The header block, once its closing empty line arrived.
    private mutating func headerBlock() throws(MultipartFormError) -> Event? {
        guard let offset = find(Self.blankLine, from: headerSearched) else {
            if pending.readableBytes > maxHeaderBytes { throw .headerTooLarge }
            headerSearched = max(0, pending.readableBytes - (Self.blankLine.count - 1))
            return nil
        }
        guard offset <= maxHeaderBytes else { throw .headerTooLarge }
        headerSearched = 0
        let block = pending.readSlice(length: offset + 4)!.readableBytesView.dropFirst(2).dropLast(4)
        state = .content
        return .partHeaders(try Self.headerLines(block))
    }

    /// Splits a header block into `name: value` lines.
    static func headerLines(_ block: some Collection<UInt8>) throws(MultipartFormError) -> [(
        name: String, value: String
    )] {
        guard !block.isEmpty else { return [] }
        var lines: [(name: String, value: String)] = []
        for line in String(decoding: block, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { throw .malformed }
            let name = line[..<colon].trimmingWhitespace()
            lines.append((String(name), String(line[line.index(after: colon)...].trimmingWhitespace())))
        }
        return lines
    }

    /// Content up to the next delimiter; all but a delimiter's length when the delimiter is not there yet.
    private mutating func content() throws(MultipartFormError) -> Event? {
        if let offset = find(delimiter) {
            if offset > 0 { return .content(pending.readSlice(length: offset)!) }
            pending.moveReaderIndex(forwardBy: delimiter.count)
            state = .afterDelimiter
            return .partEnd
        }
        let safe = pending.readableBytes - (delimiter.count - 1)
        if safe > 0 { return .content(pending.readSlice(length: safe)!) }
        return try needMore(keeping: .max)
    }

    /// nil (more input needed), after dropping all but the last `keeping` bytes; throws when input has ended.
    private mutating func needMore(keeping: Int) throws(MultipartFormError) -> Event? {
        guard !inputEnded else { throw .truncated }
        if keeping != .max, pending.readableBytes > keeping {
            pending.moveReaderIndex(forwardBy: pending.readableBytes - keeping)
        }
        return nil
    }

    /// The offset of `pattern` in the unread bytes at or after `start`, or nil.
    private func find(_ pattern: [UInt8], from start: Int = 0) -> Int? {
        pending.withUnsafeReadableBytes { bytes -> Int? in
            guard bytes.count >= pattern.count, let first = pattern.first else { return nil }
            var index = start
            let last = bytes.count - pattern.count
            while index <= last {
                guard let hit = bytes[index...last].firstIndex(of: first) else { return nil }
                var matched = 1
                while matched < pattern.count, bytes[hit + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return hit }
                index = hit + 1
            }
            return nil
        }
    }
}

/// Why a `multipart/form-data` body could not be read.
enum MultipartFormError: Error, Equatable {
    /// Bad framing: no delimiter line break, a header line without a colon.
    case malformed
    /// The body ended before its closing delimiter.
    case truncated
    /// One part's header block exceeds the scanner's limit.
    case headerTooLarge
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let end = lastIndex(where: { !isSpace($0) })!
        return self[start...end]
    }
}
