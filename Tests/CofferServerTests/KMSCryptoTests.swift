import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("KMS API: cryptographic operations")
struct KMSCryptoTests {
    @Test("Encrypt then Decrypt with an encryption context")
    func encryptDecrypt() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let context = ["aws:s3:arn": "arn:aws:s3:::bucket/key"]
            let encrypted = try await kms.call(
                "Encrypt", ["KeyId": keyId, "Plaintext": "aGVsbG8=", "EncryptionContext": context]
            )
            #expect(encrypted.status == .ok)
            #expect(encrypted["EncryptionAlgorithm"] == "SYMMETRIC_DEFAULT")
            #expect(encrypted["KeyId"] == "arn:aws:kms:us-east-1:111122223333:key/\(keyId)")
            let blob = try #require(encrypted["CiphertextBlob"])

            let decrypted = try await kms.call("Decrypt", ["CiphertextBlob": blob, "EncryptionContext": context])
            #expect(decrypted.status == .ok)
            #expect(decrypted["Plaintext"] == "aGVsbG8=")
            #expect(decrypted["KeyId"] == encrypted["KeyId"])
            #expect(decrypted["KeyMaterialId"]?.count == 64)
        }
    }

    @Test("GenerateDataKey's ciphertext decrypts to its plaintext")
    func generateDataKey() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let context = ["purpose": "test"]
            let dataKey = try await kms.call(
                "GenerateDataKey", ["KeyId": keyId, "KeySpec": "AES_256", "EncryptionContext": context]
            )
            #expect(dataKey.status == .ok)
            #expect(dataKey.bytes("Plaintext")?.count == 32)
            #expect(dataKey["KeyMaterialId"]?.count == 64)
            let decrypted = try await kms.call(
                "Decrypt", ["CiphertextBlob": dataKey["CiphertextBlob"] ?? "", "EncryptionContext": context]
            )
            #expect(decrypted["Plaintext"] == dataKey["Plaintext"])

            let sized = try await kms.call("GenerateDataKey", ["KeyId": keyId, "NumberOfBytes": 64])
            #expect(sized.bytes("Plaintext")?.count == 64)
            let withoutPlaintext = try await kms.call(
                "GenerateDataKeyWithoutPlaintext", ["KeyId": keyId, "KeySpec": "AES_128"])
            #expect(withoutPlaintext.status == .ok)
            #expect(withoutPlaintext.json["Plaintext"] == nil)
            #expect(withoutPlaintext["CiphertextBlob"] != nil)
        }
    }

    @Test("ReEncrypt moves a ciphertext to another key")
    func reEncrypt() async throws {
        try await TestServer.run { kms in
            let source = try await kms.createKey()
            let destination = try await kms.createKey()
            let encrypted = try await kms.call("Encrypt", ["KeyId": source, "Plaintext": "c2VjcmV0"])
            let moved = try await kms.call(
                "ReEncrypt", ["CiphertextBlob": encrypted["CiphertextBlob"] ?? "", "DestinationKeyId": destination]
            )
            #expect(moved.status == .ok)
            #expect(moved["SourceKeyId"]?.hasSuffix(source) == true)
            #expect(moved["KeyId"]?.hasSuffix(destination) == true)
            let decrypted = try await kms.call("Decrypt", ["CiphertextBlob": moved["CiphertextBlob"] ?? ""])
            #expect(decrypted["Plaintext"] == "c2VjcmV0")
            #expect(decrypted["KeyId"]?.hasSuffix(destination) == true)
        }
    }

    @Test("GenerateRandom returns the requested number of bytes")
    func generateRandom() async throws {
        try await TestServer.run { kms in
            let random = try await kms.call("GenerateRandom", ["NumberOfBytes": 24])
            #expect(random.bytes("Plaintext")?.count == 24)
        }
    }
}
