import Crypto
import Foundation
import Testing

@testable import KMS

@Suite("Cryptographic operations")
struct CryptoOperationTests {
    @Test func plaintextLength() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        for (count, message) in [
            (
                0,
                "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1"
            ),
            (
                4097,
                "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"
            ),
        ] {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.encrypt(
                    keyId: key.keyId, plaintext: Array(repeating: 0, count: count), encryptionContext: [:],
                    encryptionAlgorithm: nil, caller: Fixture.caller)
            }
            #expect(error == .validation(message))
        }
        let max = try await kms.encrypt(
            keyId: key.keyId, plaintext: Array(repeating: 9, count: 4096), encryptionContext: [:],
            encryptionAlgorithm: "SYMMETRIC_DEFAULT", caller: Fixture.caller)
        #expect(max.ciphertextBlob.count <= 6144)
    }

    @Test func generateDataKeyArguments() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let cases: [(DataKeySpec?, Int?, KMSError?)] = [
            (nil, nil, .validation("Please specify either number of bytes or key spec.")),
            (.aes256, 32, .validation("Please specify either number of bytes or key spec.")),
            (nil, 0, .outOfRange(0, member: "numberOfBytes", range: 1...1024)),
            (nil, 1025, .outOfRange(1025, member: "numberOfBytes", range: 1...1024)),
            (nil, 1, nil), (nil, 1024, nil), (.aes128, nil, nil), (.aes256, nil, nil),
        ]
        for (spec, count, expected) in cases {
            let error = await kmsError { () async throws(KMSError) in
                let result = try await kms.generateDataKey(
                    keyId: key.keyId, keySpec: spec, numberOfBytes: count, encryptionContext: ["a": "b"],
                    caller: Fixture.caller)
                #expect(result.plaintext.bitCount == (spec?.byteCount ?? count ?? 0) * 8)
                let decrypted = try await kms.decrypt(
                    ciphertextBlob: result.ciphertextBlob, encryptionContext: ["a": "b"], keyId: nil,
                    encryptionAlgorithm: nil, caller: Fixture.caller)
                #expect(decrypted.plaintext == result.plaintext)
            }
            #expect(error == expected)
        }
        #expect(
            KMSError.outOfRange(1025, member: "numberOfBytes", range: 1...1024).message
                == "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"
        )
    }

    @Test func generateDataKeyWithoutPlaintextDecrypts() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let result = try await kms.generateDataKeyWithoutPlaintext(
            keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: Fixture.caller)
        #expect(result.keyArn == key.arn)
        let decrypted = try await kms.decrypt(
            ciphertextBlob: result.ciphertextBlob, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
            caller: Fixture.caller)
        #expect(decrypted.plaintext.bitCount == 256)
    }

    @Test func generateRandom() async throws {
        let kms = try Fixture.kms()
        #expect(try await kms.generateRandom(numberOfBytes: 64, caller: Fixture.caller).count == 64)
        let missing = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateRandom(numberOfBytes: nil, caller: Fixture.caller)
        }
        #expect(missing == .validation("NumberOfBytes is required."))
        let tooMany = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateRandom(numberOfBytes: 1025, caller: Fixture.caller)
        }
        #expect(tooMany?.code == .validation)
    }

    @Test func reEncryptMovesBetweenKeysAndContexts() async throws {
        let kms = try Fixture.kms()
        let source = try await Fixture.key(kms)
        let destination = try await Fixture.key(kms)
        let blob = try await kms.encrypt(
            keyId: source.keyId, plaintext: [1, 2, 3], encryptionContext: ["from": "a"], encryptionAlgorithm: nil,
            caller: Fixture.caller
        ).ciphertextBlob
        let result = try await kms.reEncrypt(
            ReEncryptRequest(
                ciphertextBlob: blob, sourceEncryptionContext: ["from": "a"], destinationKeyId: destination.arn,
                destinationEncryptionContext: ["to": "b"]),
            caller: Fixture.caller)
        #expect(result.sourceKeyArn == source.arn)
        #expect(result.keyArn == destination.arn)
        #expect(result.destinationKeyMaterialId == destination.currentKeyMaterialId)
        let decrypted = try await kms.decrypt(
            ciphertextBlob: result.ciphertextBlob, encryptionContext: ["to": "b"], keyId: destination.keyId,
            encryptionAlgorithm: nil, caller: Fixture.caller)
        #expect(decrypted.plaintext.bytes == [1, 2, 3])
        let wrongSource = await kmsError { () async throws(KMSError) in
            _ = try await kms.reEncrypt(
                ReEncryptRequest(
                    ciphertextBlob: blob, sourceEncryptionContext: ["from": "a"], sourceKeyId: destination.keyId,
                    destinationKeyId: destination.keyId),
                caller: Fixture.caller)
        }
        #expect(wrongSource == .incorrectKey)
    }

    @Test func encryptionAlgorithm() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let rsa = await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: key.keyId, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: "RSAES_OAEP_SHA_256",
                caller: Fixture.caller)
        }
        #expect(rsa?.code == .invalidKeyUsage)
        let unknown = await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: key.keyId, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: "AES",
                caller: Fixture.caller)
        }
        #expect(unknown?.code == .validation)
    }
}
