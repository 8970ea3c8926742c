import NIOCore
import TextCodings

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
/// ``KMSJSON``, leaves `/` and non-ASCII characters as they are. The object is assembled in a byte array
/// (cheap appends) and copied into the buffer once.
struct KMSJSONWriter {
    private var bytes: [UInt8] = []

    /// Starts an object, reserving `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
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
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        writeString(value)
    }

    /// Closes the object.
    consuming func finish() -> ByteBuffer {
        bytes.append(UInt8(ascii: "}"))
        return ByteBuffer(bytes: bytes)
    }

    private mutating func writeString(_ string: String) {
        JSONString.append(string, to: &bytes)
    }
}
