import Crypto
import Foundation
import TestSupport
import Testing

@testable import ObjectStore

/// Cached bucket keys expire by time and by uses, failures are never cached, and revocation lags by at most
/// the TTL (docs/bucket-keys.md).
@Suite("Bucket keys: expiry, failures and revocation")
struct BucketKeyExpiryTests {
    @Test func afterTheTTLPutsGenerateAndGetsDecryptAgain() async throws {
        let clock = TestClock()
        try await StoreFixture.withBucketKeys(clock: clock, ttl: .seconds(300)) { fixture, _ in
            try await fixture.put("a", testBytes(50, seed: 1))
            clock.advance(by: .seconds(299))
            try await fixture.put("b", testBytes(50, seed: 2))
            _ = try await fixture.get("a")
            #expect(fixture.keys.generateCalls == 1)
            #expect(fixture.keys.decryptCalls == 0)

            // When the TTL has passed, the next PUT generates a new bucket key...
            clock.advance(by: .seconds(2))
            try await fixture.put("c", testBytes(50, seed: 3))
            #expect(fixture.keys.generateCalls == 2)
            #expect(try await fixture.row("c").bucketKeyId != fixture.row("a").bucketKeyId)
            // ...and the next GET under the old bucket key decrypts it once more.
            #expect(try await fixture.get("a") == testBytes(50, seed: 1))
            #expect(try await fixture.get("b") == testBytes(50, seed: 2))
            #expect(fixture.keys.decryptCalls == 1)
            // The new bucket key's PUT cached it for reading.
            #expect(try await fixture.get("c") == testBytes(50, seed: 3))
            #expect(fixture.keys.decryptCalls == 1)
            #expect(fixture.store.bucketKeyCacheStats().writes.expirations == 1)
        }
    }

    @Test func afterMaxUsesPutsGenerateAndGetsDecryptAgain() async throws {
        try await StoreFixture.withBucketKeys(maxUses: 3) { fixture, _ in
            for index in 0..<3 { try await fixture.put("k\(index)", [UInt8(index)]) }
            #expect(fixture.keys.generateCalls == 1)
            try await fixture.put("k3", [3])
            #expect(fixture.keys.generateCalls == 2)
            #expect(try await fixture.row("k3").bucketKeyId != fixture.row("k0").bucketKeyId)

            // The seeded reading entry of the first bucket key serves three GETs, then is decrypted again.
            for index in 0..<3 { #expect(try await fixture.get("k\(index)") == [UInt8(index)]) }
            #expect(fixture.keys.decryptCalls == 0)
            #expect(try await fixture.get("k0") == [0])
            #expect(fixture.keys.decryptCalls == 1)
        }
    }

    @Test func expiredKeysAreDroppedWithoutAnyRequest() async throws {
        let clock = TestClock()
        try await StoreFixture.withBucketKeys(clock: clock, ttl: .seconds(60)) { fixture, _ in
            try await fixture.put("a", [1])
            #expect(fixture.store.bucketKeyCacheStats().entries == 2)
            clock.advance(by: .seconds(61))
            // The store's sweeper runs these every few seconds; the test runs them now.
            await fixture.store.keyring.bucketKeys.writing.sweepExpired()
            await fixture.store.keyring.bucketKeys.reading.sweepExpired()
            let stats = fixture.store.bucketKeyCacheStats()
            #expect(stats.entries == 0)
            #expect(stats.writes.expirations == 1 && stats.reads.expirations == 1)
        }
    }

    @Test func aFailedGenerateIsNotCached() async throws {
        try await StoreFixture.withBucketKeys { fixture, arn in
            fixture.keys.setEnabled(arn, false)
            await fixture.expectError(.kmsDisabled) { try await fixture.put("a", [1]) }
            await fixture.expectError(.kmsDisabled) { try await fixture.put("a", [1]) }
            #expect(fixture.keys.generateCalls == 2)
            #expect(try await fixture.bucketKeyRows().isEmpty)

            // Concurrent first PUTs share the one failing call, and all of them fail.
            fixture.keys.setGeneratesHeld(true)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        await fixture.expectError(.kmsDisabled) { try await fixture.put("c\(index)", [1]) }
                    }
                }
                try await fixture.waitForCacheStats { $0.writes.misses == 3 && $0.writes.coalesced == 7 }
                fixture.keys.setGeneratesHeld(false)
                try await group.waitForAll()
            }
            #expect(fixture.keys.generateCalls == 3)

            // Once the key is enabled again, the next PUT works and its bucket key is cached.
            fixture.keys.setEnabled(arn, true)
            try await fixture.put("a", [1])
            try await fixture.put("b", [2])
            #expect(fixture.keys.generateCalls == 4)
            #expect(fixture.store.bucketKeyCacheStats().inFlight == 0)
        }
    }

    @Test func disablingTheKeyStopsNewBucketKeysAndCachedOnesAfterTheTTL() async throws {
        let clock = TestClock()
        try await StoreFixture.withBucketKeys(clock: clock, ttl: .seconds(300)) { fixture, arn in
            try await fixture.put("a", testBytes(10))
            fixture.keys.setEnabled(arn, false)

            // Within the TTL, the cached bucket key still serves this principal, as on AWS.
            try await fixture.put("b", testBytes(10))
            #expect(try await fixture.get("a") == testBytes(10))
            // A principal with no cached bucket key is refused at once.
            await fixture.expectError(.kmsDisabled) {
                _ = try await fixture.get("a", requester: StoreFixture.otherRequester)
            }
            await fixture.expectError(.kmsDisabled) {
                try await fixture.put("c", [1], requester: StoreFixture.otherRequester)
            }

            // After the TTL, everyone is refused.
            clock.advance(by: .seconds(301))
            await fixture.expectError(.kmsDisabled) { try await fixture.put("d", [1]) }
            await fixture.expectError(.kmsDisabled) { _ = try await fixture.get("a") }
            fixture.keys.setEnabled(arn, true)
            #expect(try await fixture.get("b") == testBytes(10))
        }
    }

    @Test func invalidLimitsAreRefusedAtOpen() async throws {
        for configure in [
            { (configuration: inout ObjectStoreConfiguration) in configuration.bucketKeyTTL = .zero },
            { (configuration: inout ObjectStoreConfiguration) in configuration.bucketKeyMaxUses = 0 },
            { (configuration: inout ObjectStoreConfiguration) in configuration.bucketKeyCacheCapacity = 0 },
        ] {
            var configuration = ObjectStoreConfiguration(dataDirectory: "/nonexistent/never-created")
            configure(&configuration)
            await #expect(throws: ObjectStoreError.self) {
                _ = try await ObjectStore.open(
                    configuration: configuration, storeKey: .init(size: .bits256), dataKeyProvider: TestKeyService())
            }
        }
    }
}
