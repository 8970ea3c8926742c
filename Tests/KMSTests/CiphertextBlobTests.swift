import Crypto
import Foundation
import Testing

@testable import KMS

@Suite("Ciphertext blob format")
struct CiphertextBlobTests {
    let context = ["aws:s3:arn": "arn:aws:s3:::bucket/key", "purpose": "test"]

    @Test func layoutAndParse() throws {
        let material = KeyMaterialVersion.generate()
        let keyID = UUID()
        let blob = try BlobCipher.seal([1, 2, 3], keyID: keyID, material: material, context: [:])
        #expect(blob.count == 1 + 16 + 32 + 16 + 12 + 3 + 16)
        #expect(blob[0] == 1)
        #expect(Array(blob[1..<17]) == CiphertextBlob.bytes(of: keyID))
        #expect(Array(blob[17..<49]) == material.id.bytes)
        let parsed = try CiphertextBlob(parsing: blob)
        #expect(parsed.keyID == keyID)
        #expect(parsed.materialID == material.id)
        #expect(parsed.ciphertext.count == 3)
        #expect(parsed.serialized == blob)
    }

    @Test func parserErrors() {
        #expect(throws: CiphertextBlob.ParseError.truncated) { try CiphertextBlob(parsing: []) }
        #expect(throws: CiphertextBlob.ParseError.unsupportedVersion(2)) {
            try CiphertextBlob(parsing: [2] + Array(repeating: 0, count: 200))
        }
        #expect(throws: CiphertextBlob.ParseError.truncated) {
            try CiphertextBlob(parsing: [1] + Array(repeating: 0, count: CiphertextBlob.minimumCount - 2))
        }
    }

    @Test func roundTripThroughTheService() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let plaintext = Array("hello, coffer".utf8)
        let encrypted = try await kms.encrypt(
            keyId: key.keyId, plaintext: plaintext, encryptionContext: context, encryptionAlgorithm: nil,
            caller: Fixture.caller)
        #expect(encrypted.keyArn == key.arn)
        #expect(encrypted.keyMaterialId == key.currentKeyMaterialId)
        let decrypted = try await kms.decrypt(
            ciphertextBlob: encrypted.ciphertextBlob, encryptionContext: context, keyId: nil, encryptionAlgorithm: nil,
            caller: Fixture.caller)
        #expect(decrypted.plaintext.bytes == plaintext)
        #expect(decrypted.keyArn == key.arn)
        #expect(decrypted.keyMaterialId == key.currentKeyMaterialId)
        #expect(decrypted.encryptionAlgorithm == "SYMMETRIC_DEFAULT")
    }

    @Test func everyFlippedByteIsInvalidCiphertext() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let blob = try await kms.encrypt(
            keyId: key.keyId, plaintext: Array(repeating: 7, count: 8), encryptionContext: context,
            encryptionAlgorithm: nil, caller: Fixture.caller
        ).ciphertextBlob
        for index in blob.indices {
            var tampered = blob
            tampered[index] ^= 0x01
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.decrypt(
                    ciphertextBlob: tampered, encryptionContext: context, keyId: nil, encryptionAlgorithm: nil,
                    caller: Fixture.caller)
            }
            #expect(error == .invalidCiphertext, "byte \(index)")
        }
    }

    @Test func truncationsAndExtensionsAreInvalidCiphertext() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let blob = try await kms.encrypt(
            keyId: key.keyId, plaintext: [1, 2, 3, 4], encryptionContext: [:], encryptionAlgorithm: nil,
            caller: Fixture.caller
        ).ciphertextBlob
        for bad in (0..<blob.count).map({ Array(blob.prefix($0)) }) + [blob + [0]] {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.decrypt(
                    ciphertextBlob: bad, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
                    caller: Fixture.caller)
            }
            #expect(error == .invalidCiphertext, "length \(bad.count)")
        }
    }

    @Test(
        "a different context is InvalidCiphertext",
        arguments: [
            [:],
            ["aws:s3:arn": "arn:aws:s3:::bucket/key"],
            ["aws:s3:arn": "arn:aws:s3:::bucket/key", "purpose": "test", "extra": "pair"],
            ["aws:s3:arn": "arn:aws:s3:::bucket/key", "purpose": "Test"],
            ["aws:s3:arn": "arn:aws:s3:::bucket/key", "Purpose": "test"],
        ])
    func wrongContext(other: [String: String]) async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let blob = try await kms.encrypt(
            keyId: key.keyId, plaintext: [1], encryptionContext: context, encryptionAlgorithm: nil,
            caller: Fixture.caller
        ).ciphertextBlob
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.decrypt(
                ciphertextBlob: blob, encryptionContext: other, keyId: nil, encryptionAlgorithm: nil,
                caller: Fixture.caller)
        }
        #expect(error == .invalidCiphertext)
    }

    @Test func foreignKeyIsInvalidCiphertext() async throws {
        let other = try Fixture.kms()
        let foreign = try await other.encrypt(
            keyId: try await Fixture.key(other).keyId, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: nil,
            caller: Fixture.caller
        ).ciphertextBlob
        let kms = try Fixture.kms()
        _ = try await Fixture.key(kms)
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.decrypt(
                ciphertextBlob: foreign, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
                caller: Fixture.caller)
        }
        #expect(error == .invalidCiphertext)
    }

    @Test func decryptWithAnotherKeyIdIsIncorrectKey() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let other = try await Fixture.key(kms)
        try await kms.createAlias(aliasName: "alias/other", targetKeyId: other.keyId, caller: Fixture.caller)
        try await kms.createAlias(aliasName: "alias/mine", targetKeyId: key.keyId, caller: Fixture.caller)
        let blob = try await kms.encrypt(
            keyId: key.keyId, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: nil, caller: Fixture.caller
        ).ciphertextBlob
        for keyId in [other.keyId, other.arn, "alias/other", Fixture.aliasArn("alias/other")] {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.decrypt(
                    ciphertextBlob: blob, encryptionContext: [:], keyId: keyId, encryptionAlgorithm: nil,
                    caller: Fixture.caller)
            }
            #expect(error == .incorrectKey)
            #expect(
                error?.message == "The key ID in the request does not identify a CMK that can perform this operation.")
        }
        for keyId in [key.keyId, key.arn, "alias/mine", Fixture.aliasArn("alias/mine")] {
            let result = try await kms.decrypt(
                ciphertextBlob: blob, encryptionContext: [:], keyId: keyId, encryptionAlgorithm: nil,
                caller: Fixture.caller)
            #expect(result.plaintext.bytes == [1])
        }
    }
}

@Suite("Per-blob key derivation")
struct BlobKeyDerivationTests {
    @Test func isHKDFExpandOverTheMaterial() {
        let material = KeyMaterialVersion.generate()
        for _ in 0..<20 {
            let salt = SecureRandom.bytes(16)
            let oracle = HKDF<SHA256>.expand(
                pseudoRandomKey: material.key, info: BlobCipher.label + salt, outputByteCount: 32)
            #expect(material.blobKey(salt: salt) == oracle)
        }
    }
}
