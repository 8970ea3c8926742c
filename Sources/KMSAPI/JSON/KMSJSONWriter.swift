import NIOCore

/// An operation output whose members are all strings (the cryptographic operations): written straight into
/// the response buffer by ``KMSJSONWriter`` instead of through `JSONEncoder`.
///
/// The type stays `Encodable`, and `KMSJSONWriterTests` checks that both encodings give the same document.
protocol FlatStringOutput: Encodable {
    /// The members in `CodingKeys` order; nil members are left out, as `JSONEncoder` leaves them out.
    var jsonMembers: KeyValuePairs<String, String?> { get }
}

/// Writes one flat JSON object of string members into a `ByteBuffer`.
///
/// Hand-written for the hot outputs: `JSONEncoder` cost about 28,000 instructions for GenerateDataKey's four
/// strings. Escapes what JSON requires (`"`, `\` and control characters) and, like the encoder configured in
/// ``KMSJSON``, leaves `/` and non-ASCII characters as they are.
struct KMSJSONWriter {
    private var buffer: ByteBuffer
    private var isFirstMember = true

    /// Starts an object in a buffer sized for `capacity` bytes.
    init(capacity: Int) {
        self.buffer = ByteBufferAllocator().buffer(capacity: capacity)
        self.buffer.writeInteger(UInt8(ascii: "{"))
    }

    /// Writes the whole object of `output`.
    static func write(_ output: some FlatStringOutput) -> ByteBuffer {
        let members = output.jsonMembers
        var writer = KMSJSONWriter(
            capacity: members.reduce(2) { $0 + $1.key.utf8.count + ($1.value?.utf8.count ?? 0) + 6 })
        for (key, value) in members {
            if let value { writer.member(key, value) }
        }
        return writer.finish()
    }

    /// Writes `"key":"value"`.
    mutating func member(_ key: String, _ value: String) {
        if !isFirstMember { buffer.writeInteger(UInt8(ascii: ",")) }
        isFirstMember = false
        writeString(key)
        buffer.writeInteger(UInt8(ascii: ":"))
        writeString(value)
    }

    /// Closes the object.
    consuming func finish() -> ByteBuffer {
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }

    private mutating func writeString(_ string: String) {
        var string = string
        buffer.writeInteger(UInt8(ascii: "\""))
        string.withUTF8 { utf8 in
            if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for byte in utf8 { writeEscaped(byte) }
            } else {
                buffer.writeBytes(utf8)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        case 0x09: buffer.writeStaticString("\\t")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x0C: buffer.writeStaticString("\\f")
        case ..<0x20:
            let digits: StaticString = "0123456789abcdef"
            buffer.writeStaticString("\\u00")
            digits.withUTF8Buffer { digits in
                buffer.writeInteger(digits[Int(byte >> 4)])
                buffer.writeInteger(digits[Int(byte & 0x0F)])
            }
        default: buffer.writeInteger(byte)
        }
    }
}
