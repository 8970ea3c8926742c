import Crypto
import Foundation
import GRDB
import TestSupport
import Testing

@testable import ObjectStore

/// What bucket-key objects store, and that each object's data key is its own (docs/bucket-keys.md).
@Suite("Bucket keys: persistence and per-object derivation")
struct BucketKeyDerivationTests {
    @Test func rowsNameTheBucketKeyAndASaltButNeverAKey() async throws {
        try await StoreFixture.withBucketKeys { fixture, arn in
            let result = try await fixture.put("dir/a", testBytes(300)) {
                $0.encryption = .sseKMS(keyId: arn, context: ["project": "x"])
            }
            #expect(
                result.encryption
                    == ObjectEncryptionInfo(
                        algorithm: .awsKMS, kmsKeyArn: arn, bucketKeyEnabled: true, userContext: ["project": "x"]))
            let bucketContext = ["aws:s3:arn": "arn:aws:s3:::bucket1", "project": "x"]
            #expect(fixture.keys.generateContexts == [bucketContext])

            let row = try await fixture.row("dir/a")
            #expect(row.keySource == "bucket-key-derived")
            #expect(row.encryptedDataKey == nil)
            #expect(row.bucketKeyId?.count == 16)
            #expect(row.keySalt?.count == 32)
            #expect(row.kmsKeyArn == arn)
            #expect(row.encryptionContext == bucketContext)
            #expect(row.userEncryptionContext == ["project": "x"])
            #expect(row.bucketKeyEnabled)

            let bucketKey = try #require(try await fixture.bucketKeyRows().first)
            #expect(bucketKey.id == row.bucketKeyId)
            #expect(bucketKey.bucket == "bucket1")
            #expect(bucketKey.kmsKeyArn == arn)
            #expect(bucketKey.encryptionContext == bucketContext)
            #expect(bucketKey.principalArn == StoreFixture.requester.principalArn)
            #expect(bucketKey.accountId == StoreFixture.requester.accountId)
            #expect(bucketKey.encryptedKey.count > 32)

            let info = try await fixture.store.headObject(
                GetObjectRequest(bucket: "bucket1", key: "dir/a", requester: StoreFixture.requester))
            #expect(info.info.encryption.bucketKeyEnabled)
        }
    }

    @Test func objectKeysFollowTheDocumentedDerivationAndDiffer() async throws {
        try await StoreFixture.withBucketKeys { fixture, _ in
            try await fixture.put("a", testBytes(200, seed: 1))
            try await fixture.put("b", testBytes(200, seed: 2))
            let rowA = try await fixture.row("a")
            let rowB = try await fixture.row("b")
            #expect(rowA.bucketKeyId == rowB.bucketKeyId)
            #expect(rowA.keySalt != rowB.keySalt)
            let bucketKey = try #require(fixture.keys.issuedKeys.first)
            #expect(fixture.keys.issuedKeys.count == 1)

            // Given the bucket key from the key service, derive each object's key as docs/bucket-keys.md says.
            let keyA = Self.documentedObjectKey(bucketKey, rowA)
            let keyB = Self.documentedObjectKey(bucketKey, rowB)
            #expect(!Self.bytes(keyA).elementsEqual(Self.bytes(keyB)))

            // Then each key opens its own blob, and the other object's key does not.
            let blobA = try Self.blob(fixture, rowA)
            let blobB = try Self.blob(fixture, rowB)
            #expect(try Self.openOnlySegment(blobA, dataKey: keyA, objectId: rowA.objectId) == testBytes(200, seed: 1))
            #expect(try Self.openOnlySegment(blobB, dataKey: keyB, objectId: rowB.objectId) == testBytes(200, seed: 2))
            #expect(throws: (any Error).self) {
                try Self.openOnlySegment(blobA, dataKey: keyB, objectId: rowA.objectId)
            }
        }
    }

    @Test func swappedSaltsOrBlobsCannotBeRead() async throws {
        try await StoreFixture.withBucketKeys { fixture, _ in
            try await fixture.put("a", testBytes(200, seed: 1))
            try await fixture.put("b", testBytes(200, seed: 2))
            try await fixture.put("c", testBytes(200, seed: 3))
            try await fixture.put("d", testBytes(200, seed: 4))

            // Swapping two objects' salts (same bucket key) makes both unreadable.
            try await fixture.store.database.write { db in
                let salts = try Data.fetchAll(
                    db, sql: "SELECT key_salt FROM objects WHERE key IN ('a', 'b') ORDER BY key")
                try db.execute(sql: "UPDATE objects SET key_salt = ? WHERE key = 'a'", arguments: [salts[1]])
                try db.execute(sql: "UPDATE objects SET key_salt = ? WHERE key = 'b'", arguments: [salts[0]])
            }
            await fixture.expectError(.corruptObject) { _ = try await fixture.get("a") }
            await fixture.expectError(.corruptObject) { _ = try await fixture.get("b") }

            // Swapping two blob files makes both unreadable too.
            let pathC = try await fixture.blobPath("c")
            let pathD = try await fixture.blobPath("d")
            let blobC = try Data(contentsOf: URL(fileURLWithPath: pathC))
            try Data(contentsOf: URL(fileURLWithPath: pathD)).write(to: URL(fileURLWithPath: pathC))
            try blobC.write(to: URL(fileURLWithPath: pathD))
            await fixture.expectError(.corruptObject) { _ = try await fixture.get("c") }
            await fixture.expectError(.corruptObject) { _ = try await fixture.get("d") }
        }
    }

    @Test func theSchemaRefusesAnObjectNamingAnUnknownBucketKey() async throws {
        try await StoreFixture.withBucketKeys { fixture, _ in
            try await fixture.put("a", [1, 2, 3])
            var row = try await fixture.row("a")
            row.key = "forged"
            row.objectId = Data(ObjectID.random().bytes)
            row.bucketKeyId = Data(repeating: 7, count: 16)
            let forged = row
            await #expect(throws: DatabaseError.self) {
                try await fixture.store.database.write { db in try forged.insert(db) }
            }
        }
    }

    @Test func aUserContextArnMustNameTheBucket() async throws {
        try await StoreFixture.withBucketKeys { fixture, arn in
            await fixture.expectError(.invalidArgument) {
                try await fixture.put("k", [1]) {
                    $0.encryption = .sseKMS(keyId: arn, context: ["aws:s3:arn": "arn:aws:s3:::bucket1/k"])
                }
            }
            try await fixture.put("k", [1]) {
                $0.encryption = .sseKMS(keyId: arn, context: ["aws:s3:arn": "arn:aws:s3:::bucket1"])
            }
            #expect(try await fixture.get("k") == [1])
        }
    }

    @Test func noPlaintextBucketKeyOrObjectKeyReachesTheDisk() async throws {
        try await StoreFixture.withBucketKeys(durability: .durable) { fixture, _ in
            let marker = Array("COFFER-BUCKET-KEY-MARKER-51c2".utf8)
            try await fixture.put("a", Array((0..<100).flatMap { _ in marker }))
            try await fixture.put("b", marker)
            let bucketKey = try #require(fixture.keys.issuedKeys.first)
            let objectKeys = [try await fixture.row("a"), try await fixture.row("b")].map {
                Self.bytes(Self.documentedObjectKey(bucketKey, $0))
            }
            let restarted = try await fixture.reopened()  // checkpoint the WAL into the main file too
            let needles = [marker, Self.bytes(bucketKey)] + objectKeys
            for path in restarted.allFiles() {
                let contents = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                for needle in needles {
                    #expect(!EncryptionTests.contains(contents, needle), "\(path) holds plaintext or a key")
                }
            }
            #expect(try await restarted.get("b") == marker)
            try await restarted.store.shutdown()
        }
    }

    @Test func deletingABucketForgetsItsBucketKeys() async throws {
        try await StoreFixture.withBucketKeys { fixture, arn in
            try await fixture.store.createBucket("bucket2")
            let encryption = EncryptionRequest.sseKMS(keyId: arn, bucketKeyEnabled: true)
            try await fixture.put("k", [1], bucket: "bucket2") { $0.encryption = encryption }
            try await fixture.store.deleteObject(bucket: "bucket2", key: "k")
            try await fixture.store.deleteBucket("bucket2")
            #expect(try await fixture.bucketKeyRows().filter { $0.bucket == "bucket2" }.isEmpty)

            // A bucket of the same name gets a new bucket key rather than the deleted one.
            try await fixture.store.createBucket("bucket2")
            try await fixture.put("k", [2], bucket: "bucket2") { $0.encryption = encryption }
            #expect(fixture.keys.generateCalls == 2)
            #expect(try await fixture.get("k", bucket: "bucket2") == [2])
        }
    }

    // MARK: - An independent reading of the documented formats

    /// `HKDF-SHA256(ikm: bucket key, salt: key_salt, info: "coffer-bucket-key-v1" || bucket_key_id || object_id)`.
    static func documentedObjectKey(_ bucketKey: SymmetricKey, _ row: ObjectRow) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: bucketKey,
            salt: row.keySalt!,
            info: Data("coffer-bucket-key-v1".utf8) + row.bucketKeyId! + row.objectId,
            outputByteCount: 32
        )
    }

    /// Opens a one-segment blob (docs/storage-format.md §3) with an object's data key.
    static func openOnlySegment(_ blob: [UInt8], dataKey: SymmetricKey, objectId: Data) throws -> [UInt8] {
        let contentKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: dataKey, salt: objectId, info: Data("coffer-blob-v1".utf8), outputByteCount: 32)
        let header = Array(blob[0..<32])
        let sealed = blob[32...]
        let box = try AES.GCM.SealedBox(
            nonce: AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 12)),
            ciphertext: sealed.dropLast(16),
            tag: sealed.suffix(16)
        )
        let additionalData = header + [UInt8](repeating: 0, count: 8) + [1]
        return Array(try AES.GCM.open(box, using: contentKey, authenticating: additionalData))
    }

    static func blob(_ fixture: StoreFixture, _ row: ObjectRow) throws -> [UInt8] {
        let path = fixture.store.files.path(for: try #require(ObjectID(bytes: row.objectId)))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func bytes(_ key: SymmetricKey) -> [UInt8] {
        key.withUnsafeBytes { Array($0) }
    }
}
