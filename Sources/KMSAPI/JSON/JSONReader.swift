/// A strict RFC 8259 JSON parser for KMS request bodies.
///
/// Hand-written because Foundation's `JSONDecoder` cost about 50,000 instructions to decode a 130-byte
/// GenerateDataKey body (`JSONSerialization` about 25,000), more than the cryptography of the request; no
/// package on the mirror parses JSON outside Foundation. This one does it in a few thousand, and
/// `JSONReaderTests` checks it against `JSONSerialization` on a corpus of valid and malformed documents.
///
/// Strict where Foundation is lenient: no trailing commas, no byte order mark, no bytes after the value.
/// Strings must be valid UTF-8 without raw control characters, and escapes must not leave lone surrogates;
/// numbers must be finite as `Double`s (`1e400` is refused, as Foundation refuses it).
/// Nesting is limited to ``maxDepth`` levels, so a hostile body cannot exhaust the stack.
struct JSONReader {
    /// Why a document is not JSON: the byte offset where parsing stopped.
    struct SyntaxError: Error, Equatable {
        var offset: Int
    }

    /// The deepest nesting of arrays and objects accepted; KMS inputs nest three levels at most.
    static let maxDepth = 64

    let bytes: UnsafeRawBufferPointer
    var offset = 0
    private var depth = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Parses one JSON value filling all of `bytes` (surrounding whitespace allowed).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(SyntaxError) -> JSONValue {
        var reader = JSONReader(bytes)
        reader.skipWhitespace()
        let value = try reader.parseValue()
        reader.skipWhitespace()
        guard reader.offset == bytes.count else { throw reader.error() }
        return value
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard let byte = peek() else { throw error() }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        default: return .number(try parseNumber())
        }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try enterContainer()
        var members: [JSONMember] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return .object(members)
        }
        members.reserveCapacity(4)  // KMS inputs have a handful of members
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error() }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append(JSONMember(key: key, value: try parseValue()))
            skipWhitespace()
            guard let separator = next() else { throw error() }
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else { throw error(at: offset - 1) }
        }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard let separator = next() else { throw error() }
            if separator == UInt8(ascii: "]") { break }
            guard separator == UInt8(ascii: ",") else { throw error(at: offset - 1) }
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func enterContainer() throws(SyntaxError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error() }
        offset += 1
    }

    private mutating func parseLiteral(_ literal: StaticString, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - offset >= count,
            UnsafeRawBufferPointer(start: literal.utf8Start, count: count).elementsEqual(
                bytes[offset..<offset + count])
        else { throw error() }
        offset += count
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as its text.
    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = offset
        if peek() == UInt8(ascii: "-") { offset += 1 }
        if peek() == UInt8(ascii: "0") {
            offset += 1
        } else {
            guard skipDigits() > 0 else { throw error() }
        }
        if peek() == UInt8(ascii: ".") {
            offset += 1
            guard skipDigits() > 0 else { throw error() }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard skipDigits() > 0 else { throw error() }
        }
        let literal = String(decoding: bytes[start..<offset], as: UTF8.self)
        // `1e400` is grammatical but no number Foundation (or any member type) can hold.
        guard Double(literal)?.isFinite == true else { throw error(at: start) }
        return literal
    }

    private mutating func skipDigits() -> Int {
        let start = offset
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { offset += 1 }
        return offset - start
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            offset += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(SyntaxError) {
        guard next() == byte else { throw error(at: offset - 1) }
    }

    func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    mutating func next() -> UInt8? {
        defer { offset += 1 }
        return peek()
    }

    func error(at position: Int? = nil) -> SyntaxError {
        SyntaxError(offset: min(position ?? offset, bytes.count))
    }
}
