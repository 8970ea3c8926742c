import Foundation
import NIOCore
import Testing

@testable import KMSAPI

/// `KMSJSON.decode` (JSONReader + JSONValueDecoder) against the oracle `JSONDecoder`: the same inputs decoded
/// from the same documents, the same documents refused, with the same SerializationException message for
/// members of the wrong type.
@Suite("JSON value decoder")
struct JSONValueDecoderTests {
    static let generateDataKey = [
        #"{"KeyId": "9706fa6d-5c60-4c3a-9fbc-9c0248ece749", "KeySpec": "AES_256", "EncryptionContext": {"aws:s3:arn": "arn:aws:s3:::bench/object"}}"#,
        #"{"KeyId": "alias/x", "NumberOfBytes": 32, "GrantTokens": ["a", "b"], "DryRun": false}"#,
        #"{"KeyId": "k", "NumberOfBytes": 32.0}"#, #"{"KeyId": "k", "NumberOfBytes": 3.2e1}"#,
        #"{"KeyId": "k", "NumberOfBytes": -0}"#, #"{"KeyId": null, "KeySpec": null, "EncryptionContext": null}"#,
        #"{"KeyId": "k", "KeyId": "second"}"#, #"{"Unknown": {"nested": [1, {"x": null}]}, "KeyId": "k"}"#,
        #"{"KeyId": "\u00e9\ud83d\ude00", "EncryptionContext": {"": "", "k\"": "v\\"}}"#, #"{}"#,
        // Refused by both:
        #"{"KeyId": 12}"#, #"{"NumberOfBytes": "32"}"#, #"{"NumberOfBytes": true}"#, #"{"DryRun": 1}"#,
        #"{"GrantTokens": "a"}"#, #"{"GrantTokens": ["a", null]}"#, #"{"GrantTokens": ["a", 1]}"#,
        #"{"EncryptionContext": []}"#, #"{"EncryptionContext": {"k": 1}}"#, #"{"EncryptionContext": {"k": null}}"#,
        #"[]"#, #""string""#, "null", "12", #"{"NumberOfBytes": 99999999999999999999}"#,
    ]

    @Test("GenerateDataKey inputs decode as JSONDecoder decodes them", arguments: generateDataKey)
    func generateDataKeyInputs(document: String) {
        compare(GenerateDataKeyInput.self, document)
    }

    @Test(
        "blobs, tags and integers of other shapes",
        arguments: [
            #"{"KeyId": "k", "Plaintext": "aGVsbG8="}"#, #"{"KeyId": "k", "Plaintext": "not base64!"}"#,
            #"{"KeyId": "k", "Plaintext": 5}"#,
        ])
    func encryptInputs(document: String) {
        compare(EncryptInput.self, document)
    }

    @Test(
        "tags",
        arguments: [
            #"{"Description": "d", "Tags": [{"TagKey": "a", "TagValue": "b"}, {"TagKey": "c"}]}"#,
            #"{"Tags": [{"TagKey": 1}]}"#, #"{"Tags": {"TagKey": "a"}}"#, #"{"Tags": [null]}"#,
            #"{"BypassPolicyLockoutSafetyCheck": true, "MultiRegion": false}"#,
        ])
    func createKeyInputs(document: String) {
        compare(CreateKeyInput.self, document)
    }

    struct Everything: Decodable {
        var i8: Int8?, i16: Int16?, i32: Int32?, i64: Int64?, u: UInt?, u8: UInt8?, u16: UInt16?, u32: UInt32?
        var u64: UInt64?, f: Float?, d: Double?, b: Bool?, s: String?
        var nested: [[Int]]?, map: [String: [String: Bool]]?, child: Child?
        struct Child: Decodable {
            var name: String
            var values: [Double]
        }
    }

    @Test(
        "every primitive type, nesting, and out-of-range numbers",
        arguments: [
            #"{"i8": -128, "i16": 32767, "i32": -1, "i64": 9223372036854775807, "u": 0, "u8": 255, "u16": 1}"#,
            #"{"u32": 4294967295, "u64": 18446744073709551615, "f": 1.5, "d": -2.25e-3, "b": true, "s": ""}"#,
            #"{"nested": [[1, 2], [], [3]], "map": {"a": {"x": true}, "b": {}}}"#,
            #"{"child": {"name": "n", "values": [1, 2.5, -3e2]}}"#, #"{"child": {"values": []}}"#,
            #"{"i8": 128}"#, #"{"u8": -1}"#, #"{"u": -0}"#, #"{"i64": 9223372036854775808}"#,
            #"{"i32": 1.5}"#, #"{"f": 1e39}"#, #"{"d": 1e308}"#, #"{"nested": [[1, "2"]]}"#, #"{"child": []}"#,
        ])
    func everything(document: String) {
        compare(Everything.self, document)
    }

    @Test("wire messages name the member of the wrong type, as before")
    func messages() {
        #expect(
            message(GenerateDataKeyInput.self, #"{"NumberOfBytes": "many"}"#)
                == "Unexpected value type at 'NumberOfBytes'.")
        #expect(
            message(GenerateDataKeyInput.self, #"{"GrantTokens": ["a", 1]}"#)
                == "Unexpected value type at 'GrantTokens.1'.")
        #expect(message(GenerateDataKeyInput.self, "{not json") == "Malformed request body.")
        #expect(message(EncryptInput.self, #"{"Plaintext": "not base64!"}"#) == "Invalid value at 'Plaintext'.")
    }

    /// Both decoders succeed with the same value, or both fail (with the same message for type errors).
    private func compare<T: Decodable>(
        _ type: T.Type, _ document: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let oracle = Result { try JSONDecoder().decode(T.self, from: Data(document.utf8)) }
        let ours = Result { () throws(KMSWireError) -> T in
            try KMSJSON.decode(T.self, from: ByteBuffer(string: document))
        }
        switch (oracle, ours) {
        case (.success(let expected), .success(let actual)):
            #expect(describe(actual) == describe(expected), sourceLocation: sourceLocation)
        case (.failure(let expected), .failure(let actual)):
            #expect(actual.type == "SerializationException", sourceLocation: sourceLocation)
            if case .dataCorrupted = expected as? DecodingError {
            } else {
                #expect(actual.message == KMSJSON.message(for: expected), sourceLocation: sourceLocation)
            }
        case (.success, .failure(let error)):
            Issue.record("refused what JSONDecoder accepts: \(error.message)", sourceLocation: sourceLocation)
        case (.failure(let error), .success):
            Issue.record("accepted what JSONDecoder refuses: \(error)", sourceLocation: sourceLocation)
        }
    }

    private func message<T: Decodable>(_ type: T.Type, _ document: String) -> String? {
        do {
            _ = try KMSJSON.decode(T.self, from: ByteBuffer(string: document))
            return nil
        } catch {
            return error.message
        }
    }

    /// A description that does not depend on a dictionary's iteration order.
    private func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        guard !mirror.children.isEmpty else { return String(reflecting: value) }
        let children = mirror.children.map { "\($0.label ?? ""): \(describe($0.value))" }
        let ordered = mirror.displayStyle == .dictionary ? children.sorted() : children
        return "\(type(of: value))(\(ordered.joined(separator: ", ")))"
    }
}
