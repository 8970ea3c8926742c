import Foundation
import TestSupport
import Testing

@testable import ObjectStore

/// How many key service calls bucket keys cost, against one call per object without them (issue #4).
@Suite("Bucket keys: key service call accounting")
struct BucketKeyCallCountTests {
    @Test(arguments: [1, 40])
    func nPutsAndGetsCostAtMostTwoCalls(count: Int) async throws {
        try await StoreFixture.withBucketKeys { fixture, _ in
            for index in 0..<count {
                let result = try await fixture.put("k\(index)", testBytes(1500, seed: UInt8(index % 250)))
                #expect(result.encryption.bucketKeyEnabled)
            }
            for index in 0..<count {
                #expect(try await fixture.get("k\(index)") == testBytes(1500, seed: UInt8(index % 250)))
            }
            // One GenerateDataKey; the PUT that made it cached it for its requester's GETs too.
            #expect(fixture.keys.generateCalls == 1)
            #expect(fixture.keys.decryptCalls == 0)
            #expect(fixture.keys.totalCalls <= 2)
            let stats = fixture.store.bucketKeyCacheStats()
            #expect(stats.writes.misses == 1)
            #expect(stats.writes.hits == count - 1)
            #expect(stats.reads.misses == 0)
            #expect(stats.reads.hits == count)
            #expect(stats.entries == 2)
            #expect(stats.inFlight == 0)
        }
    }

    @Test func withoutBucketKeysEveryObjectCostsAGenerateAndADecrypt() async throws {
        try await StoreFixture.with { fixture in
            let arn = fixture.keys.createKey("per-object")
            for index in 0..<20 {
                let result = try await fixture.put("k\(index)", testBytes(100)) { $0.encryption = .sseKMS(keyId: arn) }
                #expect(!result.encryption.bucketKeyEnabled)
            }
            for index in 0..<20 { _ = try await fixture.get("k\(index)") }
            #expect(fixture.keys.generateCalls == 20)
            #expect(fixture.keys.decryptCalls == 20)
            #expect(fixture.store.bucketKeyCacheStats() == BucketKeyCacheStats())
        }
    }

    @Test func explicitFalseOnABucketKeyDefaultCostsCallsPerObject() async throws {
        try await StoreFixture.withBucketKeys { fixture, arn in
            for index in 0..<5 {
                let result = try await fixture.put("off\(index)", testBytes(10)) {
                    $0.encryption = EncryptionRequest(bucketKeyEnabled: false)
                }
                #expect(
                    result.encryption
                        == ObjectEncryptionInfo(algorithm: .awsKMS, kmsKeyArn: arn, bucketKeyEnabled: false))
                let row = try await fixture.row("off\(index)")
                #expect(row.keySource == KeySource.kmsDataKey.rawValue)
                #expect(row.bucketKeyId == nil && row.keySalt == nil)
                #expect(row.encryptionContext == ["aws:s3:arn": "arn:aws:s3:::bucket1/off\(index)"])
            }
            for index in 0..<5 { _ = try await fixture.get("off\(index)") }
            #expect(fixture.keys.generateCalls == 5)
            #expect(fixture.keys.decryptCalls == 5)
            // The bucket default still applies to the next object.
            try await fixture.put("on", testBytes(10))
            #expect(try await fixture.row("on").keySource == KeySource.bucketKeyDerived.rawValue)
            #expect(fixture.keys.generateCalls == 6)
        }
    }

    @Test func aRestartCostsOneDecryptForReadsAndOneGenerateForWrites() async throws {
        try await StoreFixture.withBucketKeys { fixture, _ in
            for index in 0..<10 { try await fixture.put("k\(index)", testBytes(700, seed: UInt8(index))) }
            #expect(fixture.keys.totalCalls == 1)

            // When the store restarts on the same folder, the caches start empty.
            let restarted = try await fixture.reopened()
            for index in 0..<10 { #expect(try await restarted.get("k\(index)") == testBytes(700, seed: UInt8(index))) }
            // Then the persisted bucket key is decrypted once, for all ten objects.
            #expect(restarted.keys.decryptCalls == 1)
            #expect(restarted.keys.generateCalls == 1)
            // A new object gets a new bucket key: the plaintext of the old one is only cached for reading.
            try await restarted.put("new", [1])
            #expect(restarted.keys.generateCalls == 2)
            #expect(try await restarted.bucketKeyRows().count == 2)
            try await restarted.store.shutdown()
        }
    }

    @Test func principalsNeverShareACachedBucketKey() async throws {
        try await StoreFixture.withBucketKeys { fixture, _ in
            let alice = StoreFixture.requester
            let bob = StoreFixture.otherRequester
            for index in 0..<3 { try await fixture.put("a\(index)", testBytes(64, seed: UInt8(index))) }
            // Bob's GETs decrypt the bucket key once on Bob's behalf, not with Alice's cached plaintext.
            for index in 0..<3 {
                #expect(try await fixture.get("a\(index)", requester: bob) == testBytes(64, seed: UInt8(index)))
            }
            #expect(fixture.keys.decryptRequesters == [bob])
            for index in 0..<3 { _ = try await fixture.get("a\(index)", requester: alice) }
            #expect(fixture.keys.decryptCalls == 1)
            // Bob's first PUT gets Bob's own bucket key.
            try await fixture.put("b0", [1], requester: bob)
            try await fixture.put("b1", [2], requester: bob)
            #expect(fixture.keys.generateRequesters == [alice, bob])
            let rows = try await fixture.bucketKeyRows()
            #expect(Set(rows.map(\.principalArn)) == [alice.principalArn, bob.principalArn])
            #expect(try await fixture.row("a0").bucketKeyId != fixture.row("b0").bucketKeyId)
        }
    }

    @Test func thirtyTwoConcurrentFirstPutsShareOneGenerate() async throws {
        try await StoreFixture.withBucketKeys { fixture, _ in
            // Given a key service that holds its answer until all 32 PUTs are waiting for the bucket key,
            fixture.keys.setGeneratesHeld(true)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<32 {
                    group.addTask { try await fixture.put("k\(index)", testBytes(100, seed: UInt8(index))) }
                }
                try await fixture.waitForCacheStats { $0.writes.misses == 1 && $0.writes.coalesced == 31 }
                #expect(fixture.store.bucketKeyCacheStats().writes.inFlight == 1)
                fixture.keys.setGeneratesHeld(false)
                try await group.waitForAll()
            }
            // then one GenerateDataKey served them all.
            #expect(fixture.keys.generateCalls == 1)
            #expect(fixture.store.bucketKeyCacheStats().writes.inFlight == 0)
            #expect(Set(try await fixture.bucketKeyRows().map(\.id)).count == 1)

            // After a restart, 32 concurrent first GETs share one decrypt.
            let restarted = try await fixture.reopened()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<32 {
                    group.addTask {
                        let bytes = try await restarted.get("k\(index)")
                        #expect(bytes == testBytes(100, seed: UInt8(index)))
                    }
                }
                try await group.waitForAll()
            }
            #expect(restarted.keys.decryptCalls == 1)
            try await restarted.store.shutdown()
        }
    }

    @Test func eachBucketKmsKeyAndContextGetsItsOwnBucketKey() async throws {
        try await StoreFixture.withBucketKeys { fixture, arn in
            let other = fixture.keys.createKey("other-key")
            try await fixture.store.createBucket("bucket2")
            try await fixture.put("plain", [1])
            try await fixture.put("plain2", [2])
            try await fixture.put("ctx", [3]) { $0.encryption = .sseKMS(keyId: arn, context: ["team": "a"]) }
            try await fixture.put("ctx2", [4]) { $0.encryption = .sseKMS(keyId: arn, context: ["team": "a"]) }
            try await fixture.put("ctx-b", [5]) { $0.encryption = .sseKMS(keyId: arn, context: ["team": "b"]) }
            try await fixture.put("key2", [6]) { $0.encryption = .sseKMS(keyId: other, bucketKeyEnabled: true) }
            try await fixture.put("b2", [7], bucket: "bucket2") {
                $0.encryption = .sseKMS(keyId: arn, bucketKeyEnabled: true)
            }
            #expect(fixture.keys.generateCalls == 5)
            #expect(fixture.keys.generateContexts.map { $0["aws:s3:arn"] }.contains("arn:aws:s3:::bucket2"))
            #expect(try await fixture.row("ctx").bucketKeyId == fixture.row("ctx2").bucketKeyId)
            #expect(try await fixture.row("ctx").bucketKeyId != fixture.row("ctx-b").bucketKeyId)
            for key in ["plain", "plain2", "ctx", "ctx2", "ctx-b", "key2"] { _ = try await fixture.get(key) }
            _ = try await fixture.get("b2", bucket: "bucket2")
            #expect(fixture.keys.decryptCalls == 0)
        }
    }
}
