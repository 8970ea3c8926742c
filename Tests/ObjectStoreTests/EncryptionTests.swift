import Crypto
import Foundation
import GRDB
import TestSupport
import Testing

@testable import ObjectStore

@Suite("Encryption at rest")
struct EncryptionTests {
    static func row(_ fixture: StoreFixture, _ key: String) async throws -> ObjectRow {
        try await fixture.store.database.object(bucket: "bucket1", key: key)
    }

    @Test func sseS3RowHoldsOnlyAWrappedKey() async throws {
        try await StoreFixture.with { fixture in
            let result = try await fixture.put("k", testBytes(100))
            #expect(
                result.encryption == ObjectEncryptionInfo(algorithm: .aes256, kmsKeyArn: nil, bucketKeyEnabled: false))
            let row = try await Self.row(fixture, "k")
            #expect(row.keySource == "sse-s3-wrapped")
            #expect(row.encryptedDataKey?.count == 61)  // version, nonce, key, tag
            #expect(row.kmsKeyArn == nil)
            #expect(row.encryptionContext == nil)
            #expect(fixture.keys.generateCalls == 0)
        }
    }

    @Test func sseKMSRowHoldsCiphertextArnAndContext() async throws {
        try await StoreFixture.with { fixture in
            let arn = fixture.keys.createKey("k1", alias: "alias/mine")
            let result = try await fixture.put("dir/k", testBytes(3000)) {
                $0.encryption = .sseKMS(keyId: "alias/mine", context: ["project": "x"])
            }
            #expect(result.encryption.kmsKeyArn == arn)
            #expect(!result.encryption.bucketKeyEnabled)
            #expect(result.encryption.userContext == ["project": "x"])
            let row = try await Self.row(fixture, "dir/k")
            #expect(row.keySource == "kms-data-key")
            #expect(row.kmsKeyArn == arn)
            #expect(row.encryptionContext == ["aws:s3:arn": "arn:aws:s3:::bucket1/dir/k", "project": "x"])
            #expect(!row.bucketKeyEnabled)
            #expect((row.encryptedDataKey?.count ?? 0) > 32)
            // GET: exactly one decrypt with the stored context.
            #expect(try await fixture.get("dir/k") == testBytes(3000))
            #expect(fixture.keys.generateCalls == 1)
            #expect(fixture.keys.decryptCalls == 1)
            // HEAD makes no KMS call.
            _ = try await fixture.store.headObject(
                GetObjectRequest(bucket: "bucket1", key: "dir/k", requester: StoreFixture.requester))
            #expect(fixture.keys.decryptCalls == 1)
        }
    }

    @Test func kmsWithoutKeyIdUsesTheManagedKey() async throws {
        try await StoreFixture.with { fixture in
            let result = try await fixture.put("k", [1, 2, 3]) { $0.encryption = .sseKMS() }
            #expect(result.encryption.kmsKeyArn == TestKeyService.managedKeyArn)
            #expect(result.encryption.userContext == nil)
        }
    }

    @Test func bucketDefaultAppliesAndExplicitFalseOverrides() async throws {
        try await StoreFixture.with { fixture in
            let arn = fixture.keys.createKey("k2")
            try await fixture.store.putBucketEncryption(
                "bucket1",
                BucketEncryption(algorithm: .awsKMS, kmsMasterKeyId: "k2", bucketKeyEnabled: true)
            )
            let plain = try await fixture.put("a", [1])
            #expect(
                plain.encryption == ObjectEncryptionInfo(algorithm: .awsKMS, kmsKeyArn: arn, bucketKeyEnabled: true))
            let off = try await fixture.put("b", [1]) { $0.encryption = EncryptionRequest(bucketKeyEnabled: false) }
            #expect(!off.encryption.bucketKeyEnabled)
            let s3 = try await fixture.put("c", [1]) { $0.encryption = .sseS3 }
            #expect(s3.encryption.algorithm == .aes256)
        }
    }

    @Test func resolutionFollowsS3Rules() throws {
        let kmsDefault = BucketEncryption(algorithm: .awsKMS, kmsMasterKeyId: "default-key", bucketKeyEnabled: true)
        #expect(try ResolvedEncryption.resolve(.bucketDefault, bucketDefault: .default) == .sseS3)
        #expect(
            try ResolvedEncryption.resolve(.bucketDefault, bucketDefault: kmsDefault)
                == .sseKMS(keyId: "default-key", userContext: nil, bucketKeyEnabled: true)
        )
        #expect(
            try ResolvedEncryption.resolve(.sseKMS(keyId: "other"), bucketDefault: kmsDefault)
                == .sseKMS(keyId: "other", userContext: nil, bucketKeyEnabled: true)
        )
        #expect(
            try ResolvedEncryption.resolve(.sseKMS(), bucketDefault: .default)
                == .sseKMS(keyId: nil, userContext: nil, bucketKeyEnabled: false)
        )
        #expect(throws: ObjectStoreError.self) {
            try ResolvedEncryption.resolve(
                EncryptionRequest(algorithm: .aes256, kmsKeyId: "k"), bucketDefault: kmsDefault)
        }
        #expect(throws: ObjectStoreError.self) {
            try ResolvedEncryption.kmsContext(
                bucket: "b", key: "k", userContext: ["aws:s3:arn": "arn:aws:s3:::other/k"])
        }
    }

    @Test func keyServiceFailuresMapToTypedErrors() async throws {
        try await StoreFixture.with { fixture in
            await fixture.expectError(.kmsNotFound) {
                try await fixture.put("k", [1]) { $0.encryption = .sseKMS(keyId: "missing") }
            }
            let arn = fixture.keys.createKey("k3")
            try await fixture.put("k", testBytes(10)) { $0.encryption = .sseKMS(keyId: arn) }
            fixture.keys.setEnabled(arn, false)
            await fixture.expectError(.kmsDisabled) { _ = try await fixture.get("k") }
            await fixture.expectError(.kmsDisabled) {
                try await fixture.put("k2", [1]) { $0.encryption = .sseKMS(keyId: arn) }
            }
            fixture.keys.setEnabled(arn, true)
            #expect(try await fixture.get("k") == testBytes(10))
            fixture.keys.setThrottled(true)
            await fixture.expectError(.kmsThrottled) {
                try await fixture.put("k3", [1]) { $0.encryption = .sseKMS(keyId: arn) }
            }
            #expect(fixture.allFiles().filter { $0.contains("/objects/tmp/") }.isEmpty)
        }
    }

    @Test func wrappedKeyCannotBeMovedToAnotherRow() async throws {
        try await StoreFixture.with { fixture in
            try await fixture.put("a", testBytes(10, seed: 1))
            try await fixture.put("b", testBytes(10, seed: 2))
            try await fixture.store.database.write { db in
                try db.execute(
                    sql:
                        "UPDATE objects SET encrypted_data_key = (SELECT encrypted_data_key FROM objects WHERE key = 'b') WHERE key = 'a'"
                )
            }
            await fixture.expectError(.corruptObject) { _ = try await fixture.get("a") }
        }
    }

    @Test func noPlaintextOrDataKeyAppearsInTheDataFolder() async throws {
        try await StoreFixture.with(durability: .durable) { fixture in
            let marker = Array("COFFER-PLAINTEXT-MARKER-7f3a9c".utf8)
            let body = Array((0..<200).flatMap { _ in marker })
            let arn = fixture.keys.createKey("k4")
            try await fixture.put("s3", body)
            try await fixture.put("kms", body) { $0.encryption = .sseKMS(keyId: arn) }
            try await fixture.put("small", marker) { $0.encryption = .sseKMS(keyId: arn) }
            let restarted = try await fixture.reopened()  // checkpoint the WAL into the main file too
            let needles = [marker] + fixture.keys.issuedKeys.map { key in key.withUnsafeBytes { Array($0) } }
            for path in restarted.allFiles() {
                let contents = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                for needle in needles {
                    #expect(!Self.contains(contents, needle), "\(path) holds plaintext or a data key")
                }
            }
            #expect(try await restarted.get("kms") == body)
            try await restarted.store.shutdown()
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle)
        }
    }
}
