import Foundation
import NIOCore
import NIOFoundationCompat

/// The JSON coders of the KMS wire layer.
///
/// Inputs are parsed by ``JSONReader`` and decoded by ``JSONValueDecoder``; outputs whose members are all strings
/// are written by ``KMSJSONWriter``, the others by a `JSONEncoder` created once (it is thread-safe and costs
/// allocations to create).
enum KMSJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Decodes an operation's input; an empty body is the empty input `{}`.
    /// - Throws: `SerializationException` for anything that is not the expected JSON.
    static func decode<Input: Decodable>(_ type: Input.Type, from body: ByteBuffer) throws(KMSWireError) -> Input {
        do {
            if body.readableBytes == 0 { return try JSONValueDecoder.decode(Input.self, from: .object([])) }
            let value = try body.withUnsafeReadableBytes { bytes throws(JSONReader.SyntaxError) in
                try JSONReader.parse(bytes)
            }
            return try JSONValueDecoder.decode(Input.self, from: value)
        } catch {
            throw .serialization(Self.message(for: error))
        }
    }

    /// Encodes an operation's output.
    static func encode(_ output: some Encodable) throws -> ByteBuffer {
        try encoder.encodeAsByteBuffer(output, allocator: ByteBufferAllocator())
    }

    /// Encodes an output of string members, without `JSONEncoder`.
    static func encode(_ output: some FlatStringOutput) -> ByteBuffer {
        KMSJSONWriter.write(output)
    }

    /// Names the offending member, as AWS does, without echoing its value.
    static func message(for error: any Error) -> String {
        guard let error = error as? DecodingError else { return "Malformed request body." }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Unexpected value type at '\(path(context))'."
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "Invalid value at '\(path(context))'."
        default:
            return "Malformed request body."
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

/// A binary member: base64 in JSON, bytes in Swift.
struct Blob: Decodable, Sendable {
    var bytes: [UInt8]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not base64")
        }
        self.bytes = Array(data)
    }
}

/// Output encodings AWS's JSON protocol uses.
enum KMSWire {
    /// A blob as base64.
    static func base64(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// A timestamp as epoch seconds (a JSON number).
    static func timestamp(_ date: Date) -> Double {
        date.timeIntervalSince1970
    }
}
