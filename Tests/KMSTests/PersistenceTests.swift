import Crypto
import Foundation
import GRDB
import Testing

@testable import KMS

@Suite("Persistence")
struct PersistenceTests {
    @Test func stateSurvivesReopen() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kms/kms.sqlite").path
        let rootKey = SymmetricKey(size: .bits256)
        let clock = TestClock()

        // Given a key with an alias, tags, a rotation, a custom state and ciphertexts from before and after rotating
        var kms: KeyManagementService? = try Fixture.kms(clock: clock, path: path, rootKey: rootKey)
        let key = try await Fixture.key(kms!, description: "persisted")
        try await kms!.createAlias(aliasName: "alias/persisted", targetKeyId: key.keyId, caller: Fixture.caller)
        try await kms!.tagResource(keyId: key.keyId, tags: [KeyTag(key: "t", value: "v")], caller: Fixture.caller)
        try await kms!.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: 120, caller: Fixture.caller)
        let before = try await kms!.generateDataKey(
            keyId: "alias/persisted", keySpec: .aes256, numberOfBytes: nil, encryptionContext: ["a": "1"],
            caller: Fixture.caller)
        _ = try await kms!.rotateKeyOnDemand(keyId: key.keyId, caller: Fixture.caller)
        let after = try await kms!.encrypt(
            keyId: key.keyId, plaintext: [5], encryptionContext: [:], encryptionAlgorithm: nil, caller: Fixture.caller)
        let managed = try await kms!.awsManagedKey(service: "s3", caller: Fixture.s3Caller)
        let described = try await kms!.describeKey(keyId: key.keyId, caller: Fixture.caller)
        kms = nil

        // When the service is opened again on the same file
        let reopened = try Fixture.kms(clock: clock, path: path, rootKey: rootKey)

        // Then everything is back and old ciphertexts decrypt
        #expect(try await reopened.describeKey(keyId: "alias/persisted", caller: Fixture.caller) == described)
        #expect(try await reopened.awsManagedKey(service: "s3", caller: Fixture.s3Caller) == managed)
        let old = try await reopened.decrypt(
            ciphertextBlob: before.ciphertextBlob, encryptionContext: ["a": "1"], keyId: nil, encryptionAlgorithm: nil,
            caller: Fixture.caller)
        #expect(old.plaintext == before.plaintext)
        let new = try await reopened.decrypt(
            ciphertextBlob: after.ciphertextBlob, encryptionContext: [:], keyId: key.arn, encryptionAlgorithm: nil,
            caller: Fixture.caller)
        #expect(new.plaintext.bytes == [5])
        #expect(
            try await reopened.listResourceTags(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller).items
                == [KeyTag(key: "t", value: "v")])
        #expect(
            try await reopened.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller).rotationPeriodInDays
                == 120)
        #expect(
            try await reopened.listKeyRotations(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller).items
                .count == 1)
    }

    @Test func materialIsSealedAndFilesAreOwnerOnly() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kms.sqlite").path
        let rootKey = SymmetricKey(size: .bits256)
        var kms: KeyManagementService? = try Fixture.kms(path: path, rootKey: rootKey)
        let key = try await Fixture.key(kms!)
        kms = nil
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            let mode = try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(suffix)")
        }

        // The material column holds the sealed form, whose plaintext is the key the service uses.
        let reopened = try Fixture.kms(path: path, rootKey: rootKey)
        let material = try #require(reopened.store.keys.values.first?.material.currentSymmetric)
        #expect(material.hex == key.currentKeyMaterialId)
        let database = try KMSDatabase.open(path: path)
        let sealed: Data = try await database.writer.read { db in
            try Data.fetchOne(db, sql: "SELECT sealed FROM kms_key_material")!
        }
        #expect(Array(sealed) != material.key.bytes)
        #expect(sealed.count == 12 + 32 + 16)
        var file = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { file += wal }
        #expect(file.range(of: Data(material.key.bytes)) == nil)

        // Another root key does not open it.
        #expect(throws: (any Error).self) { try Fixture.kms(path: path, rootKey: SymmetricKey(size: .bits256)) }
    }

    @Test func swappedMaterialRowsDoNotOpen() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kms.sqlite").path
        let rootKey = SymmetricKey(size: .bits256)
        var kms: KeyManagementService? = try Fixture.kms(path: path, rootKey: rootKey)
        _ = try await Fixture.key(kms!)
        _ = try await Fixture.key(kms!)
        kms = nil
        let database = try KMSDatabase.open(path: path)
        try await database.writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT material_id, sealed FROM kms_key_material")
            try db.execute(
                sql: "UPDATE kms_key_material SET sealed = ? WHERE material_id = ?",
                arguments: [rows[1]["sealed"] as Data, rows[0]["material_id"] as String])
        }
        #expect(throws: (any Error).self) { try Fixture.kms(path: path, rootKey: rootKey) }
    }
}
