import Synchronization

/// A snapshot of the bucket-key caches, for metrics and `/_coffer/stats` (``ObjectStore/bucketKeyCacheStats()``).
///
/// Counters only grow from zero at open; `entries` and `inFlight` are gauges.
public struct BucketKeyCacheStats: Sendable, Hashable {
    /// One cache's counters.
    public struct Cache: Sendable, Hashable {
        /// Lookups served from a cached key without waiting.
        public var hits: Int = 0
        /// Loads started: exactly the key service calls this cache made.
        public var misses: Int = 0
        /// Lookups that waited for a load another lookup had started (single flight).
        public var coalesced: Int = 0
        /// Keys dropped because their time or their uses ran out.
        public var expirations: Int = 0
        /// Keys dropped to stay within the capacity, least recently used first.
        public var evictions: Int = 0
        /// Keys cached now.
        public var entries: Int = 0
        /// Loads in progress now.
        public var inFlight: Int = 0

        /// Creates zeroed counters.
        public init() {}
    }

    /// Bucket keys for new objects (PUT): a miss is one `generateDataKey`.
    public var writes: Cache
    /// Decrypted bucket keys for reads (GET): a miss is one `decryptDataKey`. A PUT that generates a bucket
    /// key also caches it here for its requester, without a miss.
    public var reads: Cache

    /// Creates a snapshot.
    public init(writes: Cache = Cache(), reads: Cache = Cache()) {
        self.writes = writes
        self.reads = reads
    }

    /// Hits of both caches.
    public var hits: Int { writes.hits + reads.hits }
    /// Misses of both caches: the key service calls made for bucket keys.
    public var misses: Int { writes.misses + reads.misses }
    /// Keys cached in both caches.
    public var entries: Int { writes.entries + reads.entries }
    /// Loads in progress in both caches.
    public var inFlight: Int { writes.inFlight + reads.inFlight }
}

/// The live counters behind one cache's ``BucketKeyCacheStats/Cache``: atomics, so a snapshot never waits.
final class BucketKeyCacheCounters: Sendable {
    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)
    private let coalesced = Atomic<Int>(0)
    private let expirations = Atomic<Int>(0)
    private let evictions = Atomic<Int>(0)
    private let entries = Atomic<Int>(0)
    private let inFlight = Atomic<Int>(0)

    func hit() { hits.add(1, ordering: .relaxed) }
    func miss() { misses.add(1, ordering: .relaxed) }
    func joined() { coalesced.add(1, ordering: .relaxed) }
    func expired() { expirations.add(1, ordering: .relaxed) }
    func evicted() { evictions.add(1, ordering: .relaxed) }

    /// Publishes the cache's current sizes.
    func setSizes(entries: Int, inFlight: Int) {
        self.entries.store(entries, ordering: .relaxed)
        self.inFlight.store(inFlight, ordering: .relaxed)
    }

    /// The current values.
    var snapshot: BucketKeyCacheStats.Cache {
        var cache = BucketKeyCacheStats.Cache()
        cache.hits = hits.load(ordering: .relaxed)
        cache.misses = misses.load(ordering: .relaxed)
        cache.coalesced = coalesced.load(ordering: .relaxed)
        cache.expirations = expirations.load(ordering: .relaxed)
        cache.evictions = evictions.load(ordering: .relaxed)
        cache.entries = entries.load(ordering: .relaxed)
        cache.inFlight = inFlight.load(ordering: .relaxed)
        return cache
    }
}
