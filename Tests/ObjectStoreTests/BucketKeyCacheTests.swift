import Crypto
import Synchronization
import Testing

@testable import ObjectStore

/// The cache on its own, with loads that count and hand out fresh keys: eviction, invalidation and the
/// hard bound on uses.
@Suite("Bucket keys: the cache actor")
struct BucketKeyCacheTests {
    static func cache(capacity: Int = 8, maxUses: Int = 100, clock: TestClock = TestClock()) -> BucketKeyCache<String> {
        BucketKeyCache(
            limits: BucketKeyCacheLimits(ttl: .seconds(60), maxUses: maxUses, capacity: capacity), clock: clock.now)
    }

    /// A load that counts its calls and returns a fresh random key.
    static func counting(_ calls: Shared<Int>) -> BucketKeyCache<String>.Load {
        {
            calls.value.withLock { $0 += 1 }
            return BucketKey(
                id: BucketKey.randomBytes(16),
                bucket: "b",
                kmsKeyArn: "arn",
                encryptionContext: [:],
                material: KeyBytes(copying: SymmetricKey(size: .bits256))
            )
        }
    }

    @Test func theLeastRecentlyUsedKeyIsEvictedAtCapacity() async throws {
        let cache = Self.cache(capacity: 2)
        let calls = Shared(0)
        let a = try await cache.key(for: "a", load: Self.counting(calls))
        _ = try await cache.key(for: "b", load: Self.counting(calls))
        #expect(try await cache.key(for: "a", load: Self.counting(calls)).id == a.id)
        _ = try await cache.key(for: "c", load: Self.counting(calls))  // evicts b, the least recently used
        #expect(calls.value.withLock { $0 } == 3)
        #expect(try await cache.key(for: "a", load: Self.counting(calls)).id == a.id)
        _ = try await cache.key(for: "b", load: Self.counting(calls))
        #expect(calls.value.withLock { $0 } == 4)
        let stats = cache.counters.snapshot
        #expect(stats.evictions == 2)
        #expect(stats.entries == 2)
    }

    @Test func aKeyIsNeverHandedOutPastItsLastUse() async throws {
        let cache = Self.cache(maxUses: 2)
        let calls = Shared(0)
        let ids = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<20 { group.addTask { try await cache.key(for: "s", load: Self.counting(calls)).id } }
            return try await group.reduce(into: [:]) { counts, id in counts[id, default: 0] += 1 }
        }
        #expect(ids.values.allSatisfy { $0 <= 2 })
        #expect(calls.value.withLock { $0 } == ids.count)
        #expect(ids.count >= 10)
    }

    @Test func aLoadFinishingAfterInvalidationIsNotCached() async throws {
        let cache = Self.cache()
        let release = Shared(false)
        let calls = Shared(0)
        let slow: BucketKeyCache<String>.Load = {
            while !release.value.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
            return try await Self.counting(calls)()
        }
        let waiter = Task { try await cache.key(for: "s", load: slow) }
        while cache.counters.snapshot.inFlight == 0 { try await Task.sleep(for: .milliseconds(1)) }
        await cache.removeAll { $0 == "s" }
        #expect(cache.counters.snapshot.inFlight == 0)
        release.value.withLock { $0 = true }
        // The waiter finds its load forgotten and loads again.
        _ = try await waiter.value
        #expect(calls.value.withLock { $0 } == 2)
        #expect(cache.counters.snapshot.entries == 1)
    }

    @Test func keyBytesRoundTrip() {
        let key = SymmetricKey(size: .bits256)
        let bytes = KeyBytes(copying: key)
        bytes.withSymmetricKey { copy in #expect(copy == key) }
    }
}

/// A mutable value that escaping closures can share.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>

    init(_ value: Value) { self.value = Mutex(value) }
}
