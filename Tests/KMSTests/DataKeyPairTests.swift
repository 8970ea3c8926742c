import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import KMS

@Suite("GenerateDataKeyPair")
struct DataKeyPairTests {
    static let context = ["purpose": "signing"]

    @Test(
        "the private key is PKCS#8 of the spec, matches the public key, and plain Decrypt opens its blob",
        arguments: [DataKeyPairSpec.rsa2048, .eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1])
    func generate(spec: DataKeyPairSpec) async throws {
        let kms = try Fixture.kms()
        let wrapping = try await Fixture.key(kms)
        let pair = try await kms.generateDataKeyPair(
            keyId: wrapping.keyId, keyPairSpec: spec, encryptionContext: Self.context, caller: Fixture.caller)
        #expect(pair.keyArn == wrapping.arn)
        #expect(pair.keyPairSpec == spec)
        #expect(pair.keyMaterialId == wrapping.currentKeyMaterialId)
        let privateKey = try #require(pair.privateKeyPlaintext)
        #expect(try Self.publicKey(ofPKCS8: privateKey, spec: spec) == pair.publicKey)

        let decrypted = try await kms.decrypt(
            ciphertextBlob: pair.privateKeyCiphertextBlob, encryptionContext: Self.context, keyId: nil,
            encryptionAlgorithm: nil, caller: Fixture.caller)
        #expect(decrypted.plaintext == privateKey)
        let wrongContext = await kmsError { () async throws(KMSError) in
            _ = try await kms.decrypt(
                ciphertextBlob: pair.privateKeyCiphertextBlob, encryptionContext: [:], keyId: nil,
                encryptionAlgorithm: nil, caller: Fixture.caller)
        }
        #expect(wrongContext == .invalidCiphertext)
    }

    @Test func withoutPlaintext() async throws {
        let kms = try Fixture.kms()
        let wrapping = try await Fixture.key(kms)
        let pair = try await kms.generateDataKeyPairWithoutPlaintext(
            keyId: wrapping.keyId, keyPairSpec: .eccNistP256, encryptionContext: [:], caller: Fixture.caller)
        #expect(pair.privateKeyPlaintext == nil)
        let decrypted = try await kms.decrypt(
            ciphertextBlob: pair.privateKeyCiphertextBlob, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
            caller: Fixture.caller)
        let key = try P256.Signing.PrivateKey(derRepresentation: decrypted.plaintext.bytes)
        #expect(Array(key.publicKey.derRepresentation) == pair.publicKey)
    }

    @Test("the wrapping key must be a symmetric encryption key")
    func wrappingKeyRules() async throws {
        let kms = try Fixture.kms()
        let rsa = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        let signing = try await Fixture.key(kms, spec: .eccNistP256, usage: .signVerify)
        let generate = { (keyId: String) async -> KMSError? in
            await kmsError { () async throws(KMSError) in
                _ = try await kms.generateDataKeyPair(
                    keyId: keyId, keyPairSpec: .eccNistP256, encryptionContext: [:], caller: Fixture.caller)
            }
        }
        #expect(
            await generate(rsa.keyId) == .invalidKeySpec(arn: rsa.arn, spec: .rsa2048, operation: .generateDataKeyPair))
        #expect(
            await generate(signing.keyId)
                == .invalidKeyUsage(arn: signing.arn, usage: .signVerify, operation: .generateDataKeyPair))
        let symmetric = try await Fixture.key(kms)
        try await kms.disableKey(keyId: symmetric.keyId, caller: Fixture.caller)
        #expect(await generate(symmetric.keyId) == .disabled(arn: symmetric.arn))
    }

    /// The DER SubjectPublicKeyInfo of a PKCS#8 private key, computed independently of the key service's own type.
    static func publicKey(ofPKCS8 key: SymmetricKey, spec: DataKeyPairSpec) throws -> [UInt8] {
        let der = key.bytes
        switch spec {
        case .rsa2048, .rsa3072, .rsa4096:
            return Array(try _RSA.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        case .eccNistP256: return Array(try P256.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        case .eccNistP384: return Array(try P384.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        case .eccNistP521: return Array(try P521.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        case .eccSecgP256k1:
            let openSSL = try der.withUnsafeBytes { try OpenSSLKey(pkcs8: $0) }
            #expect(openSSL.isSecp256k1)
            return try openSSL.publicKeyDER()
        }
    }
}
