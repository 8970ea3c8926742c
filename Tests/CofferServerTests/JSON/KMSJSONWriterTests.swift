import Crypto
import Foundation
import KMS
import NIOCore
import Testing

@testable import KMSAPI

/// `KMSJSONWriter` against the oracle `JSONEncoder`: every flat output writes the document the encoder writes,
/// including strings that need escaping and members left out because they are nil.
@Suite("KMS JSON writer")
struct KMSJSONWriterTests {
    static let awkward = [
        "arn:aws:kms:us-east-1:111122223333:key/x", "", "q\"b\\s/ é 中 😀", "\u{0}\u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f}",
    ]

    @Test("every flat output writes what JSONEncoder writes", arguments: awkward)
    func flatOutputs(text: String) throws {
        let key = SymmetricKey(data: Array("sixteen byte key".utf8))
        try check(
            EncryptOutput(
                EncryptResult(ciphertextBlob: [1, 2, 3], keyArn: text, encryptionAlgorithm: text, keyMaterialId: text)))
        try check(
            DecryptOutput(DecryptResult(plaintext: key, keyArn: text, encryptionAlgorithm: text, keyMaterialId: text)))
        try check(
            DecryptOutput(DecryptResult(plaintext: key, keyArn: text, encryptionAlgorithm: text, keyMaterialId: "")))
        try check(
            ReEncryptOutput(
                ReEncryptResult(
                    ciphertextBlob: [9], sourceKeyArn: text, keyArn: text, sourceEncryptionAlgorithm: text,
                    destinationEncryptionAlgorithm: text, sourceKeyMaterialId: "", destinationKeyMaterialId: text)))
        try check(
            GenerateDataKeyOutput(
                GeneratedDataKey(plaintext: key, ciphertextBlob: [0xFF], keyArn: text, keyMaterialId: text)))
        try check(
            GenerateDataKeyWithoutPlaintextOutput(
                EncryptResult(ciphertextBlob: [], keyArn: text, encryptionAlgorithm: text, keyMaterialId: text)))
        try check(GenerateRandomOutput(plaintext: text))
    }

    @Test("the hot outputs take the writer, not JSONEncoder")
    func overload() {
        let output = GenerateRandomOutput(plaintext: "x")
        #expect(String(buffer: KMSJSON.encode(output)) == #"{"Plaintext":"x"}"#)
    }

    private func check<Output: FlatStringOutput>(_ output: Output, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let written = KMSJSONWriter.write(output)
        let encoded = try KMSJSON.encoder.encode(output)
        let ours = try JSONSerialization.jsonObject(with: Data(written.readableBytesView)) as? NSDictionary
        let oracle = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
        #expect(
            ours != nil && ours == oracle, "\(String(buffer: written)) vs \(String(decoding: encoded, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }
}
