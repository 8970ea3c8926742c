import Crypto
import Foundation
import KMSQuota
import Testing

@testable import KMS

/// Which request quota each cryptographic call is charged to, as AWS's "Request quotas" page lists them: RSA keys
/// share one quota for Encrypt, Decrypt, ReEncrypt, Sign and Verify; elliptic-curve keys one for Sign and Verify;
/// symmetric and HMAC keys the symmetric one; GetPublicKey and GenerateDataKeyPair(WithoutPlaintext) none of the
/// three (AWS meters them apart, and Coffer does not).
///
/// The quotas are set high enough never to throttle, so every charge shows as an admitted call in the service's
/// `RequestQuotas.snapshot()`: the tests read the counts, not the clock.
@Suite("Which quota each KMS call is charged to")
struct QuotaChargeTests {
    private static let message = Array("the lecture's message".utf8)

    private static func service(_ quotas: QuotaConfiguration = .init(symmetric: 1_000, rsa: 1_000, ecc: 1_000))
        throws -> KeyManagementService
    {
        try KeyManagementService(
            configuration: KMSConfiguration(
                region: Fixture.region, accountId: Fixture.account, databasePath: nil,
                rootKey: .init(size: .bits256), quotas: quotas),
            clock: TestClock(Date()))
    }

    /// The admitted calls per family that `call` added; families with none are left out.
    private static func charges(
        _ kms: KeyManagementService, _ call: () async throws -> Void
    ) async throws -> [QuotaFamily: Int] {
        let before = kms.quotas.snapshot()
        try await call()
        let after = kms.quotas.snapshot()
        var charged: [QuotaFamily: Int] = [:]
        for family in QuotaFamily.allCases {
            let count = after.total(family).admitted - before.total(family).admitted
            if count != 0 { charged[family] = count }
        }
        return charged
    }

    @Test func rsaSignVerifyEncryptAndDecryptShareTheRSAQuota() async throws {
        let kms = try Self.service()
        let signing = try await Fixture.key(kms, spec: .rsa2048, usage: .signVerify)
        let encryption = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        var signature: [UInt8] = []
        #expect(
            try await Self.charges(kms) {
                signature = try await kms.sign(
                    keyId: signing.keyId, message: Self.message, messageType: nil,
                    signingAlgorithm: "RSASSA_PSS_SHA_256", caller: Fixture.caller
                ).signature
            } == [.rsa: 1])
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.verify(
                    keyId: signing.keyId, message: Self.message, messageType: nil, signature: signature,
                    signingAlgorithm: "RSASSA_PSS_SHA_256", caller: Fixture.caller)
            } == [.rsa: 1])
        var ciphertext: [UInt8] = []
        #expect(
            try await Self.charges(kms) {
                ciphertext = try await kms.encrypt(
                    keyId: encryption.keyId, plaintext: Self.message, encryptionContext: [:],
                    encryptionAlgorithm: "RSAES_OAEP_SHA_256", caller: Fixture.caller
                ).ciphertextBlob
            } == [.rsa: 1])
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.decrypt(
                    ciphertextBlob: ciphertext, encryptionContext: [:], keyId: encryption.keyId,
                    encryptionAlgorithm: "RSAES_OAEP_SHA_256", caller: Fixture.caller)
            } == [.rsa: 1])
        for key in [signing, encryption] {
            #expect(
                try await Self.charges(kms) { _ = try await kms.getPublicKey(keyId: key.keyId, caller: Fixture.caller) }
                    == [:])
        }
    }

    @Test func eccSignAndVerifyUseTheECCQuota() async throws {
        let kms = try Self.service()
        let key = try await Fixture.key(kms, spec: .eccNistP256, usage: .signVerify)
        var signature: [UInt8] = []
        #expect(
            try await Self.charges(kms) {
                signature = try await kms.sign(
                    keyId: key.keyId, message: Self.message, messageType: nil, signingAlgorithm: "ECDSA_SHA_256",
                    caller: Fixture.caller
                ).signature
            } == [.ecc: 1])
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.verify(
                    keyId: key.keyId, message: Self.message, messageType: nil, signature: signature,
                    signingAlgorithm: "ECDSA_SHA_256", caller: Fixture.caller)
            } == [.ecc: 1])
        #expect(
            try await Self.charges(kms) { _ = try await kms.getPublicKey(keyId: key.keyId, caller: Fixture.caller) }
                == [:])
    }

    /// AWS: "The exceptions are GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext, which share a separate
    /// quota", although their wrapping key is symmetric. Decrypting the private key later is a symmetric Decrypt.
    @Test func dataKeyPairsAreNotChargedToTheSymmetricQuota() async throws {
        let kms = try Self.service()
        let wrapping = try await Fixture.key(kms)
        var blob: [UInt8] = []
        #expect(
            try await Self.charges(kms) {
                blob = try await kms.generateDataKeyPair(
                    keyId: wrapping.keyId, keyPairSpec: .eccNistP256, encryptionContext: [:], caller: Fixture.caller
                ).privateKeyCiphertextBlob
            } == [:])
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.generateDataKeyPairWithoutPlaintext(
                    keyId: wrapping.keyId, keyPairSpec: .eccNistP256, encryptionContext: [:], caller: Fixture.caller)
            } == [:])
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.decrypt(
                    ciphertextBlob: blob, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
                    caller: Fixture.caller)
            } == [.symmetric: 1])
    }

    @Test func hmacKeysUseTheSymmetricQuota() async throws {
        let kms = try Self.service()
        let key = try await Fixture.key(kms, spec: .hmac256, usage: .generateVerifyMac)
        var mac: [UInt8] = []
        #expect(
            try await Self.charges(kms) {
                mac = try await kms.generateMac(
                    keyId: key.keyId, message: Self.message, macAlgorithm: "HMAC_SHA_256", caller: Fixture.caller
                ).mac
            } == [.symmetric: 1])
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.verifyMac(
                    keyId: key.keyId, message: Self.message, mac: mac, macAlgorithm: "HMAC_SHA_256",
                    caller: Fixture.caller)
            } == [.symmetric: 1])
    }

    /// ReEncrypt counts once in each family its two keys belong to, and once only when both share a family.
    @Test func reEncryptIsChargedOncePerFamily() async throws {
        let kms = try Self.service()
        let symmetric = try await Fixture.key(kms)
        let rsa = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        let blob = try await kms.encrypt(
            keyId: symmetric.keyId, plaintext: Self.message, encryptionContext: [:], encryptionAlgorithm: nil,
            caller: Fixture.caller
        ).ciphertextBlob
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.reEncrypt(
                    ReEncryptRequest(ciphertextBlob: blob, destinationKeyId: symmetric.keyId), caller: Fixture.caller)
            } == [.symmetric: 1])
        var rsaBlob: [UInt8] = []
        #expect(
            try await Self.charges(kms) {
                rsaBlob = try await kms.reEncrypt(
                    ReEncryptRequest(
                        ciphertextBlob: blob, destinationKeyId: rsa.keyId,
                        destinationEncryptionAlgorithm: "RSAES_OAEP_SHA_256"),
                    caller: Fixture.caller
                ).ciphertextBlob
            } == [.symmetric: 1, .rsa: 1])
        #expect(
            try await Self.charges(kms) {
                _ = try await kms.reEncrypt(
                    ReEncryptRequest(
                        ciphertextBlob: rsaBlob, sourceKeyId: rsa.keyId, destinationKeyId: rsa.keyId,
                        sourceEncryptionAlgorithm: "RSAES_OAEP_SHA_256",
                        destinationEncryptionAlgorithm: "RSAES_OAEP_SHA_1"),
                    caller: Fixture.caller)
            } == [.rsa: 1])
    }

    /// The families are independent buckets: an RSA key out of budget still leaves ECC and symmetric calls their
    /// own. Each bucket holds one call and refills in a second, far longer than the few calls here take.
    @Test func anExhaustedRSAQuotaLeavesTheOtherFamiliesAlone() async throws {
        let kms = try Self.service(QuotaConfiguration(symmetric: 1, rsa: 1, ecc: 1))
        let rsa = try await Fixture.key(kms, spec: .rsa2048, usage: .signVerify)
        let ecc = try await Fixture.key(kms, spec: .eccNistP256, usage: .signVerify)
        let symmetric = try await Fixture.key(kms)
        func sign(_ key: KeyMetadata, _ algorithm: String) async -> KMSError? {
            await kmsError { () async throws(KMSError) in
                _ = try await kms.sign(
                    keyId: key.keyId, message: Self.message, messageType: nil, signingAlgorithm: algorithm,
                    caller: Fixture.caller)
            }
        }
        #expect(await sign(rsa, "RSASSA_PKCS1_V1_5_SHA_256") == nil)
        #expect(await sign(rsa, "RSASSA_PKCS1_V1_5_SHA_256") == .throttled)
        #expect(await sign(ecc, "ECDSA_SHA_256") == nil)
        let generated = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateDataKey(
                keyId: symmetric.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:],
                caller: Fixture.caller)
        }
        #expect(generated == nil)
        #expect(await sign(ecc, "ECDSA_SHA_256") == .throttled)
        #expect(kms.quotas.snapshot().total(.rsa) == QuotaSnapshot.Counts(admitted: 1, throttled: 1))
    }
}
