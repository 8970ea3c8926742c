import Foundation
import GRDB
import Synchronization
import Testing

@testable import ObjectStore

/// GET and HEAD read hot rows from memory, and never serve a row an acknowledged write replaced.
@Suite("Object row cache")
struct ObjectRowCacheTests {
    static func with(_ body: (StoreFixture) async throws -> Void) async throws {
        try await StoreFixture.with(inlineThreshold: 4096, body)
    }

    @Test func aSecondReadIsServedFromMemory() async throws {
        try await Self.with { fixture in
            let original = testBytes(100)
            try await fixture.put("k", original)
            #expect(try await fixture.get("k") == original)
            // Behind the store's back (no invalidation): only a cached row can still serve the object.
            try await fixture.store.database.pool.write { db in try db.execute(sql: "DELETE FROM objects") }
            #expect(try await fixture.get("k") == original)
            await fixture.expectError(.noSuchKey) {
                _ = try await fixture.store.database.object(bucket: "bucket1", key: "k")
            }
        }
    }

    @Test func aPutOrDeleteOfAnotherKeyKeepsACachedRow() async throws {
        try await Self.with { fixture in
            let original = testBytes(100)
            try await fixture.put("k", original)
            try await fixture.put("gone", [1])
            #expect(try await fixture.get("k") == original)
            try await fixture.store.database.pool.write { db in
                try db.execute(sql: "DELETE FROM objects WHERE key = 'k'")
            }
            try await fixture.put("other", [2])
            try await fixture.store.deleteObject(bucket: "bucket1", key: "gone")
            #expect(try await fixture.get("k") == original, "served from the cache: only other keys were written")
            try await fixture.store.deleteObject(bucket: "bucket1", key: "k")
            await fixture.expectError(.noSuchKey) { _ = try await fixture.get("k") }
        }
    }

    @Test func everyKindOfWriteIsSeenByTheNextRead() async throws {
        try await Self.with { fixture in
            let (small, large) = (testBytes(100, seed: 1), testBytes(10_000, seed: 2))
            try await fixture.put("k", small)
            #expect(try await fixture.get("k") == small)
            try await fixture.put("k", large)
            #expect(try await fixture.get("k") == large)
            let head = try await fixture.store.headObject(
                GetObjectRequest(bucket: "bucket1", key: "k", requester: StoreFixture.requester))
            #expect(head.info.size == 10_000)

            try await fixture.put("source", small)
            _ = try await fixture.store.copyObject(
                CopyObjectRequest(
                    source: CopySourceRequest(bucket: "bucket1", key: "source"), bucket: "bucket1", key: "k",
                    requester: StoreFixture.requester))
            #expect(try await fixture.get("k") == small)

            try await fixture.store.deleteObjects(bucket: "bucket1", keys: ["k"])
            await fixture.expectError(.noSuchKey) { _ = try await fixture.get("k") }
        }
    }

    /// A reader that read the previous row before a commit must not cache it after the commit's invalidation:
    /// readers keep warming the cache while a writer overwrites and then reads its own write.
    @Test func aWriterAlwaysReadsItsAcknowledgedWriteDespiteConcurrentReaders() async throws {
        try await Self.with { fixture in
            try await fixture.put("k", [0])
            let done = ManagedAtomicFlag()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        for _ in 0..<5_000 where !done.isSet { _ = try await fixture.get("k") }
                    }
                }
                group.addTask {
                    defer { done.set() }
                    for version in 1...150 {
                        let bytes = [UInt8(version)]
                        try await fixture.put("k", bytes)
                        #expect(try await fixture.get("k") == bytes, "version \(version)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func aRowReadBeforeAWriteIsNotStoredAfterIt() {
        let cache = ObjectRowCache(capacity: 10, inlineByteCapacity: 1000)
        let before = cache.generation
        cache.invalidateAll()
        cache.store(Self.row("k"), readAt: before)
        #expect(cache.row(bucket: "b", key: "k") == nil)
        cache.store(Self.row("k"), readAt: cache.generation)
        #expect(cache.row(bucket: "b", key: "k") != nil)
    }

    @Test func invalidatingKeysDropsOnlyThoseRowsButRefusesEveryEarlierRead() {
        let cache = ObjectRowCache(capacity: 10, inlineByteCapacity: 1000)
        cache.store(Self.row("a"), readAt: cache.generation)
        cache.store(Self.row("b"), readAt: cache.generation)
        let before = cache.generation
        cache.invalidate([ObjectRowCache.Key(bucket: "b", key: "a")])
        #expect(cache.row(bucket: "b", key: "a") == nil)
        #expect(cache.row(bucket: "b", key: "b") != nil)
        cache.store(Self.row("c"), readAt: before)
        #expect(cache.row(bucket: "b", key: "c") == nil)
    }

    @Test func theCacheIsBoundedByRowsAndByInlineBytes() {
        let cache = ObjectRowCache(capacity: 3, inlineByteCapacity: 1000)
        for index in 0..<10 { cache.store(Self.row("k\(index)"), readAt: cache.generation) }
        #expect((0..<10).filter { cache.row(bucket: "b", key: "k\($0)") != nil }.count == 3)

        let bytes = ObjectRowCache(capacity: 100, inlineByteCapacity: 1000)
        for index in 0..<10 { bytes.store(Self.row("k\(index)", inline: 400), readAt: bytes.generation) }
        #expect((0..<10).filter { bytes.row(bucket: "b", key: "k\($0)") != nil }.count == 2)
        bytes.store(Self.row("huge", inline: 1001), readAt: bytes.generation)
        #expect(bytes.row(bucket: "b", key: "huge") == nil)

        let disabled = ObjectRowCache(capacity: 0, inlineByteCapacity: 1000)
        disabled.store(Self.row("k"), readAt: disabled.generation)
        #expect(disabled.row(bucket: "b", key: "k") == nil)
    }

    static func row(_ key: String, inline: Int? = nil) -> ObjectRow {
        ObjectRow(
            bucket: "b", key: key, objectId: Data(count: 16), size: 0, etag: "", lastModified: 0, formatVersion: 1,
            segmentSize: 1024, userMetadata: [:], sseAlgorithm: "AES256", keySource: "sse-s3-wrapped",
            bucketKeyEnabled: false, inlineBlob: inline.map { Data(count: $0) })
    }
}

/// A flag set once by one task and read by others.
final class ManagedAtomicFlag: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}
