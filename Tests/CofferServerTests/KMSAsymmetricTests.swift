import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("KMS API: asymmetric and HMAC keys")
struct KMSAsymmetricTests {
    static let message = Data("wire message".utf8).base64EncodedString()

    /// Creates a key of `spec` and `usage`; returns its metadata.
    static func create(_ kms: KMSTestClient, _ spec: String, _ usage: String) async throws -> [String: Any] {
        let answer = try await kms.call("CreateKey", ["KeySpec": spec, "KeyUsage": usage])
        #expect(answer.status == .ok, "\(answer.json)")
        return try #require(answer.json["KeyMetadata"] as? [String: Any])
    }

    @Test("CreateKey, GetPublicKey, Sign and Verify")
    func signVerify() async throws {
        try await TestServer.run { kms in
            let metadata = try await Self.create(kms, "ECC_NIST_P384", "SIGN_VERIFY")
            #expect(metadata["SigningAlgorithms"] as? [String] == ["ECDSA_SHA_384"])
            #expect(metadata["EncryptionAlgorithms"] == nil)
            #expect(metadata["CurrentKeyMaterialId"] == nil)
            let keyId = try #require(metadata["KeyId"] as? String)
            let arn = try #require(metadata["Arn"] as? String)

            let publicKey = try await kms.call("GetPublicKey", ["KeyId": keyId])
            #expect(publicKey["KeyId"] == arn)
            #expect(publicKey["KeySpec"] == "ECC_NIST_P384")
            #expect(publicKey["CustomerMasterKeySpec"] == "ECC_NIST_P384")
            #expect(publicKey["KeyUsage"] == "SIGN_VERIFY")
            #expect(publicKey.json["SigningAlgorithms"] as? [String] == ["ECDSA_SHA_384"])
            #expect(publicKey.bytes("PublicKey")?.count == 120)

            let signed = try await kms.call(
                "Sign", ["KeyId": keyId, "Message": Self.message, "SigningAlgorithm": "ECDSA_SHA_384"])
            #expect(signed["SigningAlgorithm"] == "ECDSA_SHA_384")
            #expect(signed["KeyId"] == arn)
            let signature = try #require(signed["Signature"])
            let verified = try await kms.call(
                "Verify",
                ["KeyId": keyId, "Message": Self.message, "Signature": signature, "SigningAlgorithm": "ECDSA_SHA_384"])
            #expect(verified.json["SignatureValid"] as? Bool == true)
            #expect(verified["SigningAlgorithm"] == "ECDSA_SHA_384")

            let forged = try await kms.call(
                "Verify",
                ["KeyId": keyId, "Message": "b3RoZXI=", "Signature": signature, "SigningAlgorithm": "ECDSA_SHA_384"])
            #expect(forged.status == .badRequest)
            #expect(forged.errorType == "KMSInvalidSignatureException")
            #expect(forged.message == "")
        }
    }

    @Test("shape validation speaks AWS's format")
    func validation() async throws {
        try await TestServer.run { kms in
            let keyId = try #require(try await Self.create(kms, "ECC_NIST_P256", "SIGN_VERIFY")["KeyId"] as? String)
            let cases: [(String, [String: Any], String)] = [
                (
                    "Sign", ["KeyId": keyId, "Message": Self.message],
                    "1 validation error detected: Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null"
                ),
                (
                    "Verify", ["KeyId": keyId, "Message": Self.message, "SigningAlgorithm": "ECDSA_SHA_256"],
                    "1 validation error detected: Value null at 'signature' failed to satisfy constraint: Member must not be null"
                ),
                (
                    "Sign",
                    [
                        "KeyId": keyId, "Message": Self.message, "MessageType": "HASH",
                        "SigningAlgorithm": "ECDSA_SHA_256",
                    ],
                    "1 validation error detected: Value 'HASH' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]"
                ),
                (
                    "Sign",
                    [
                        "KeyId": keyId, "Message": "AAAA", "MessageType": "DIGEST", "SigningAlgorithm": "ECDSA_SHA_256",
                    ],
                    "Digest is invalid length for algorithm ECDSA_SHA_256."
                ),
                (
                    "GenerateMac", ["KeyId": keyId, "Message": Self.message],
                    "1 validation error detected: Value null at 'macAlgorithm' failed to satisfy constraint: Member must not be null"
                ),
                (
                    "GenerateDataKeyPair", ["KeyId": keyId, "KeyPairSpec": "RSA_1024"],
                    "1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SM2, ECC_NIST_EDWARDS25519]"
                ),
            ]
            for (operation, input, message) in cases {
                let answer = try await kms.call(operation, input)
                #expect(answer.errorType == "ValidationException", "\(operation)")
                #expect(answer.message == message)
            }
        }
    }

    @Test("RSA Encrypt and Decrypt; Decrypt omits KeyMaterialId for RSA ciphertext")
    func rsaEncryption() async throws {
        try await TestServer.run { kms in
            let metadata = try await Self.create(kms, "RSA_2048", "ENCRYPT_DECRYPT")
            #expect(metadata["EncryptionAlgorithms"] as? [String] == ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"])
            let keyId = try #require(metadata["KeyId"] as? String)
            let encrypted = try await kms.call(
                "Encrypt", ["KeyId": keyId, "Plaintext": Self.message, "EncryptionAlgorithm": "RSAES_OAEP_SHA_256"])
            #expect(encrypted.bytes("CiphertextBlob")?.count == 256)
            #expect(encrypted["EncryptionAlgorithm"] == "RSAES_OAEP_SHA_256")
            let decrypted = try await kms.call(
                "Decrypt",
                [
                    "KeyId": keyId, "CiphertextBlob": encrypted["CiphertextBlob"] ?? "",
                    "EncryptionAlgorithm": "RSAES_OAEP_SHA_256",
                ])
            #expect(decrypted["Plaintext"] == Self.message)
            #expect(decrypted.json["KeyMaterialId"] == nil)
            let tooBig = try await kms.call(
                "Encrypt",
                [
                    "KeyId": keyId, "Plaintext": Data(count: 191).base64EncodedString(),
                    "EncryptionAlgorithm": "RSAES_OAEP_SHA_256",
                ])
            #expect(tooBig.errorType == "ValidationException")
            #expect(
                tooBig.message
                    == "Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.")
        }
    }

    @Test("GenerateMac and VerifyMac")
    func macs() async throws {
        try await TestServer.run { kms in
            let metadata = try await Self.create(kms, "HMAC_224", "GENERATE_VERIFY_MAC")
            #expect(metadata["MacAlgorithms"] as? [String] == ["HMAC_SHA_224"])
            let keyId = try #require(metadata["KeyId"] as? String)
            let generated = try await kms.call(
                "GenerateMac", ["KeyId": keyId, "Message": Self.message, "MacAlgorithm": "HMAC_SHA_224"])
            #expect(generated.bytes("Mac")?.count == 28)
            #expect(generated["MacAlgorithm"] == "HMAC_SHA_224")
            let verified = try await kms.call(
                "VerifyMac",
                [
                    "KeyId": keyId, "Message": Self.message, "Mac": generated["Mac"] ?? "",
                    "MacAlgorithm": "HMAC_SHA_224",
                ])
            #expect(verified.json["MacValid"] as? Bool == true)
            let wrong = try await kms.call(
                "VerifyMac",
                ["KeyId": keyId, "Message": "AA==", "Mac": generated["Mac"] ?? "", "MacAlgorithm": "HMAC_SHA_224"])
            #expect(wrong.errorType == "KMSInvalidMacException")
            #expect(wrong.message == "")
        }
    }

    @Test("GenerateDataKeyPair and its WithoutPlaintext twin")
    func dataKeyPair() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let pair = try await kms.call(
                "GenerateDataKeyPair",
                ["KeyId": keyId, "KeyPairSpec": "ECC_NIST_P256", "EncryptionContext": ["a": "b"]])
            #expect(pair["KeyPairSpec"] == "ECC_NIST_P256")
            #expect(pair["KeyMaterialId"]?.count == 64)
            #expect(pair.bytes("PublicKey")?.count == 91)
            let decrypted = try await kms.call(
                "Decrypt", ["CiphertextBlob": pair["PrivateKeyCiphertextBlob"] ?? "", "EncryptionContext": ["a": "b"]])
            #expect(decrypted["Plaintext"] == pair["PrivateKeyPlaintext"])

            let without = try await kms.call(
                "GenerateDataKeyPairWithoutPlaintext", ["KeyId": keyId, "KeyPairSpec": "ECC_SECG_P256K1"])
            #expect(without.json["PrivateKeyPlaintext"] == nil)
            #expect(without.bytes("PublicKey")?.count == 88)
            let sm2 = try await kms.call("GenerateDataKeyPair", ["KeyId": keyId, "KeyPairSpec": "SM2"])
            #expect(sm2.errorType == "UnsupportedOperationException")
        }
    }
}
