import Crypto
import Foundation
import GRDB
import Testing
import _CryptoExtras

@testable import KMS

@Suite("Asymmetric and HMAC keys")
struct AsymmetricKeyTests {
    @Test(
        "metadata lists the algorithms of each spec and usage",
        arguments: [
            (
                KeySpec.rsa2048, KeyUsage.encryptDecrypt, ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"], [String](),
                [String]()
            ),
            (
                .rsa3072, .signVerify, [],
                [
                    "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
                    "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
                ], []
            ),
            (.eccNistP256, .signVerify, [], ["ECDSA_SHA_256"], []),
            (.eccNistP384, .signVerify, [], ["ECDSA_SHA_384"], []),
            (.eccNistP521, .signVerify, [], ["ECDSA_SHA_512"], []),
            (.eccSecgP256k1, .signVerify, [], ["ECDSA_SHA_256"], []),
            (.hmac224, .generateVerifyMac, [], [], ["HMAC_SHA_224"]),
            (.hmac512, .generateVerifyMac, [], [], ["HMAC_SHA_512"]),
        ])
    func metadata(spec: KeySpec, usage: KeyUsage, encryption: [String], signing: [String], mac: [String])
        async throws
    {
        let kms = try Fixture.kms()
        let created = try await Fixture.key(kms, spec: spec, usage: usage)
        let described = try await kms.describeKey(keyId: created.keyId, caller: Fixture.caller)
        for metadata in [created, described] {
            #expect(metadata.keySpec == spec)
            #expect(metadata.keyUsage == usage)
            #expect(metadata.encryptionAlgorithms == encryption)
            #expect(metadata.signingAlgorithms == signing)
            #expect(metadata.macAlgorithms == mac)
            // AWS shows CurrentKeyMaterialId only for symmetric keys, which rotate.
            #expect(metadata.currentKeyMaterialId == "")
        }
    }

    @Test("GetPublicKey returns a DER SubjectPublicKeyInfo of the key's algorithm")
    func getPublicKey() async throws {
        let kms = try Fixture.kms()
        let rsa = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        let rsaPublic = try await kms.getPublicKey(keyId: rsa.arn, caller: Fixture.caller)
        #expect(rsaPublic.keyArn == rsa.arn)
        #expect(rsaPublic.keySpec == .rsa2048)
        #expect(rsaPublic.keyUsage == .encryptDecrypt)
        #expect(rsaPublic.encryptionAlgorithms == ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"])
        #expect(rsaPublic.signingAlgorithms == [])
        #expect(try _RSA.Encryption.PublicKey(derRepresentation: rsaPublic.publicKey).keySizeInBits == 2048)

        let p384 = try await Fixture.key(kms, spec: .eccNistP384, usage: .signVerify)
        let p384Public = try await kms.getPublicKey(keyId: p384.keyId, caller: Fixture.caller)
        #expect(p384Public.signingAlgorithms == ["ECDSA_SHA_384"])
        _ = try P384.Signing.PublicKey(derRepresentation: p384Public.publicKey)

        // secp256k1: SEQUENCE { SEQUENCE { id-ecPublicKey, secp256k1 }, BIT STRING (65-byte point) } = 88 bytes.
        let k1 = try await Fixture.key(kms, spec: .eccSecgP256k1, usage: .signVerify)
        let k1Public = try await kms.getPublicKey(keyId: k1.keyId, caller: Fixture.caller).publicKey
        #expect(k1Public.count == 88)
        let secp256k1OID: [UInt8] = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x0A]
        #expect(k1Public.indices.contains { Array(k1Public[$0...].prefix(7)) == secp256k1OID })
    }

    @Test func symmetricAndHMACKeysHaveNoPublicKey() async throws {
        let kms = try Fixture.kms()
        for key in [
            try await Fixture.key(kms), try await Fixture.key(kms, spec: .hmac256, usage: .generateVerifyMac),
        ] {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.getPublicKey(keyId: key.keyId, caller: Fixture.caller)
            }
            #expect(error?.code == .unsupportedOperation)
        }
    }

    @Test("asymmetric and HMAC keys do not rotate")
    func noRotation() async throws {
        let kms = try Fixture.kms()
        for key in [
            try await Fixture.key(kms, spec: .eccNistP256, usage: .signVerify),
            try await Fixture.key(kms, spec: .hmac384, usage: .generateVerifyMac),
        ] {
            let enable = await kmsError { () async throws(KMSError) in
                try await kms.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: nil, caller: Fixture.caller)
            }
            let disable = await kmsError { () async throws(KMSError) in
                try await kms.disableKeyRotation(keyId: key.keyId, caller: Fixture.caller)
            }
            let onDemand = await kmsError { () async throws(KMSError) in
                _ = try await kms.rotateKeyOnDemand(keyId: key.keyId, caller: Fixture.caller)
            }
            let status = await kmsError { () async throws(KMSError) in
                _ = try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller)
            }
            for error in [enable, disable, onDemand, status] { #expect(error?.code == .unsupportedOperation) }
        }
    }

    @Test("private keys and HMAC keys survive a restart, sealed under the root key")
    func persistence() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kms.sqlite").path
        let rootKey = SymmetricKey(size: .bits256)
        let message = Array("signed before the restart".utf8)
        var kms: KeyManagementService? = try Fixture.kms(path: path, rootKey: rootKey)
        var signatures: [(KeyMetadata, SigningAlgorithm, [UInt8])] = []
        for (spec, algorithm) in [
            (KeySpec.rsa2048, SigningAlgorithm.rsassaPssSha256), (.eccNistP521, .ecdsaSha512),
            (.eccSecgP256k1, .ecdsaSha256),
        ] {
            let key = try await Fixture.key(kms!, spec: spec, usage: .signVerify)
            let signature = try await kms!.sign(
                keyId: key.keyId, message: message, messageType: nil, signingAlgorithm: algorithm.rawValue,
                caller: Fixture.caller
            ).signature
            signatures.append((key, algorithm, signature))
        }
        let rsa = try await Fixture.key(kms!, spec: .rsa2048, usage: .encryptDecrypt)
        let ciphertext = try await kms!.encrypt(
            keyId: rsa.keyId, plaintext: message, encryptionContext: [:], encryptionAlgorithm: "RSAES_OAEP_SHA_1",
            caller: Fixture.caller
        ).ciphertextBlob
        let hmac = try await Fixture.key(kms!, spec: .hmac224, usage: .generateVerifyMac)
        let mac = try await kms!.generateMac(
            keyId: hmac.keyId, message: message, macAlgorithm: "HMAC_SHA_224", caller: Fixture.caller
        ).mac
        kms = nil

        let reopened = try Fixture.kms(path: path, rootKey: rootKey)
        for (key, algorithm, signature) in signatures {
            _ = try await reopened.verify(
                keyId: key.keyId, message: message, messageType: nil, signature: signature,
                signingAlgorithm: algorithm.rawValue, caller: Fixture.caller)
        }
        let decrypted = try await reopened.decrypt(
            ciphertextBlob: ciphertext, encryptionContext: [:], keyId: rsa.keyId,
            encryptionAlgorithm: "RSAES_OAEP_SHA_1", caller: Fixture.caller)
        #expect(decrypted.plaintext.bytes == message)
        _ = try await reopened.verifyMac(
            keyId: hmac.keyId, message: message, mac: mac, macAlgorithm: "HMAC_SHA_224", caller: Fixture.caller)

        // Each row is sealed (not the PKCS#8 or HMAC bytes) and labelled with its key spec.
        let database = try KMSDatabase.open(path: path)
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT key_type, sealed FROM kms_key_material")
        }
        #expect(
            Set(rows.map { $0["key_type"] as String }) == ["RSA_2048", "ECC_NIST_P521", "ECC_SECG_P256K1", "HMAC_224"])
        let hmacRow = try #require(rows.first { $0["key_type"] as String == "HMAC_224" })
        #expect((hmacRow["sealed"] as Data).count == 12 + 28 + 16)
        // PKCS#8 starts with SEQUENCE; sealed rows must not show it.
        #expect(rows.allSatisfy { !($0["sealed"] as Data).starts(with: [0x30, 0x82]) })
    }

    @Test("a sealed private key relabelled with another key type does not open")
    func keyTypeIsBound() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kms.sqlite").path
        let rootKey = SymmetricKey(size: .bits256)
        var kms: KeyManagementService? = try Fixture.kms(path: path, rootKey: rootKey)
        _ = try await Fixture.key(kms!, spec: .eccNistP256, usage: .signVerify)
        kms = nil
        let database = try KMSDatabase.open(path: path)
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE kms_key_material SET key_type = 'ECC_NIST_P384'")
            try db.execute(sql: "UPDATE kms_key SET key_spec = 'ECC_NIST_P384'")
        }
        #expect(throws: KMSDatabase.LoadError.self) { _ = try Fixture.kms(path: path, rootKey: rootKey) }
    }
}
