import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import KMS

@Suite("RSA Encrypt and Decrypt")
struct RSAEncryptionTests {
    @Test(
        "AWS's plaintext limits, exactly",
        arguments: [
            (KeySpec.rsa2048, "RSAES_OAEP_SHA_1", 214), (.rsa2048, "RSAES_OAEP_SHA_256", 190),
            (.rsa3072, "RSAES_OAEP_SHA_1", 342), (.rsa3072, "RSAES_OAEP_SHA_256", 318),
        ])
    func limits(spec: KeySpec, algorithm: String, limit: Int) async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: spec, usage: .encryptDecrypt)
        let plaintext = Array((0..<limit).map { UInt8(truncatingIfNeeded: $0) })
        let encrypted = try await kms.encrypt(
            keyId: key.keyId, plaintext: plaintext, encryptionContext: [:], encryptionAlgorithm: algorithm,
            caller: Fixture.caller)
        #expect(encrypted.ciphertextBlob.count == spec.rsaBits / 8)
        #expect(encrypted.encryptionAlgorithm == algorithm)
        #expect(encrypted.keyArn == key.arn)
        let decrypted = try await kms.decrypt(
            ciphertextBlob: encrypted.ciphertextBlob, encryptionContext: [:], keyId: key.arn,
            encryptionAlgorithm: algorithm, caller: Fixture.caller)
        #expect(decrypted.plaintext.bytes == plaintext)
        #expect(decrypted.encryptionAlgorithm == algorithm)
        #expect(decrypted.keyMaterialId == "")

        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: key.keyId, plaintext: plaintext + [0], encryptionContext: [:], encryptionAlgorithm: algorithm,
                caller: Fixture.caller)
        }
        #expect(
            error
                == .validation(
                    "Algorithm \(algorithm) and key spec \(spec.rawValue) cannot encrypt data larger than \(limit) bytes."
                ))
    }

    @Test func rsa4096Limits() {
        #expect(RSAEncryptionAlgorithm.oaepSha1.maximumPlaintext(modulusBytes: 512) == 470)
        #expect(RSAEncryptionAlgorithm.oaepSha256.maximumPlaintext(modulusBytes: 512) == 446)
    }

    @Test("ciphertext made outside KMS with the public key decrypts")
    func externalEncryption() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        let der = try await kms.getPublicKey(keyId: key.keyId, caller: Fixture.caller).publicKey
        let publicKey = try _RSA.Encryption.PublicKey(derRepresentation: der)
        for (padding, algorithm) in [
            (_RSA.Encryption.Padding.PKCS1_OAEP, "RSAES_OAEP_SHA_1"), (.PKCS1_OAEP_SHA256, "RSAES_OAEP_SHA_256"),
        ] {
            let ciphertext = try publicKey.encrypt(Array("from outside".utf8), padding: padding)
            let decrypted = try await kms.decrypt(
                ciphertextBlob: Array(ciphertext), encryptionContext: [:], keyId: key.keyId,
                encryptionAlgorithm: algorithm, caller: Fixture.caller)
            #expect(decrypted.plaintext.bytes == Array("from outside".utf8))
        }
    }

    @Test("AWS's errors for algorithms, contexts and ciphertext")
    func errors() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        let encrypt = { (algorithm: String?, context: [String: String]) async -> KMSError? in
            await kmsError { () async throws(KMSError) in
                _ = try await kms.encrypt(
                    keyId: key.keyId, plaintext: [1, 2, 3], encryptionContext: context, encryptionAlgorithm: algorithm,
                    caller: Fixture.caller)
            }
        }
        let incompatible = KMSError(
            .invalidKeyUsage, "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.")
        #expect(await encrypt(nil, [:]) == incompatible)
        #expect(await encrypt("SYMMETRIC_DEFAULT", [:]) == incompatible)
        #expect(
            await encrypt("RSAES_OAEP_SHA_256", ["a": "b"])
                == .validation("EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs."))

        let ciphertext = try await kms.encrypt(
            keyId: key.keyId, plaintext: [1, 2, 3], encryptionContext: [:], encryptionAlgorithm: "RSAES_OAEP_SHA_256",
            caller: Fixture.caller
        ).ciphertextBlob
        let decrypt = { (keyId: String?, algorithm: String?, blob: [UInt8]) async -> KMSError? in
            await kmsError { () async throws(KMSError) in
                _ = try await kms.decrypt(
                    ciphertextBlob: blob, encryptionContext: [:], keyId: keyId, encryptionAlgorithm: algorithm,
                    caller: Fixture.caller)
            }
        }
        // As AWS: without the RSA algorithm the bytes are read as a symmetric blob, which they are not.
        #expect(await decrypt(key.keyId, nil, ciphertext) == .invalidCiphertext)
        // One RSA ciphertext in 256 starts with the blob format's version byte: still not another key's ciphertext.
        var lookalike = ciphertext
        lookalike[0] = 1
        #expect(await decrypt(key.keyId, nil, lookalike) == .invalidCiphertext)
        #expect(await decrypt(nil, "RSAES_OAEP_SHA_256", ciphertext) == .invalidCiphertext)
        #expect(await decrypt(key.keyId, "RSAES_OAEP_SHA_1", ciphertext) == .invalidCiphertext)
        var tampered = ciphertext
        tampered[10] ^= 1
        #expect(await decrypt(key.keyId, "RSAES_OAEP_SHA_256", tampered) == .invalidCiphertext)
        #expect(await decrypt(key.keyId, "RSAES_OAEP_SHA_256", Array(ciphertext.dropLast())) == .invalidCiphertext)

        let signing = try await Fixture.key(kms, spec: .rsa2048, usage: .signVerify)
        let wrongUsage = await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: signing.keyId, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: "RSAES_OAEP_SHA_256",
                caller: Fixture.caller)
        }
        #expect(wrongUsage == .invalidKeyUsage(arn: signing.arn, usage: .signVerify, operation: .encrypt))

        try await kms.disableKey(keyId: key.keyId, caller: Fixture.caller)
        #expect(await decrypt(key.keyId, "RSAES_OAEP_SHA_256", ciphertext) == .disabled(arn: key.arn))
    }

    @Test("ReEncrypt between a symmetric key and an RSA key, both ways")
    func reEncrypt() async throws {
        let kms = try Fixture.kms()
        let symmetric = try await Fixture.key(kms)
        let rsa = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        let blob = try await kms.encrypt(
            keyId: symmetric.keyId, plaintext: Array("moved".utf8), encryptionContext: ["k": "v"],
            encryptionAlgorithm: nil, caller: Fixture.caller
        ).ciphertextBlob
        let toRSA = try await kms.reEncrypt(
            ReEncryptRequest(
                ciphertextBlob: blob, sourceEncryptionContext: ["k": "v"], sourceKeyId: nil,
                destinationKeyId: rsa.keyId, destinationEncryptionContext: [:], sourceEncryptionAlgorithm: nil,
                destinationEncryptionAlgorithm: "RSAES_OAEP_SHA_256"),
            caller: Fixture.caller)
        #expect(toRSA.sourceEncryptionAlgorithm == "SYMMETRIC_DEFAULT")
        #expect(toRSA.destinationEncryptionAlgorithm == "RSAES_OAEP_SHA_256")
        #expect(toRSA.ciphertextBlob.count == 256)
        let back = try await kms.reEncrypt(
            ReEncryptRequest(
                ciphertextBlob: toRSA.ciphertextBlob, sourceEncryptionContext: [:], sourceKeyId: rsa.keyId,
                destinationKeyId: symmetric.keyId, destinationEncryptionContext: [:],
                sourceEncryptionAlgorithm: "RSAES_OAEP_SHA_256", destinationEncryptionAlgorithm: nil),
            caller: Fixture.caller)
        let plaintext = try await kms.decrypt(
            ciphertextBlob: back.ciphertextBlob, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
            caller: Fixture.caller
        ).plaintext
        #expect(plaintext.bytes == Array("moved".utf8))
    }
}
