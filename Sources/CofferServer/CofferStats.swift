public import Foundation
import KMS
import ObjectStore

/// The summary `GET /_coffer/stats` answers with, as JSON for people and scripts.
///
/// ```json
/// {
///   "bucketKeyCache" : { "reads" : { "entries" : 1, "hits" : 0, ... }, "writes" : { ... } },
///   "buckets" : [ { "bytes" : 4096, "name" : "lecture", "objects" : 2 } ],
///   "kmsRequests" : { "api" : { "CreateKey" : 1 }, "s3" : { "GenerateDataKey" : 1 } }
/// }
/// ```
///
/// It reveals no secret, but it names every bucket, so only the root user's signed requests get it. The bucket
/// figures are kept up to date by the metadata database's commits (``ObjectStore/ObjectStore/bucketUsage()``), so
/// collecting them costs one row per bucket, never a scan of the objects.
public struct CofferStats: Codable, Sendable, Equatable {
    /// One bucket-key cache (`writes` for PUT, `reads` for GET), as in docs/bucket-keys.md §7.
    public struct BucketKeyCache: Codable, Sendable, Equatable {
        /// Lookups served from a cached bucket key.
        public var hits: Int
        /// Loads started: exactly the KMS calls this cache made.
        public var misses: Int
        /// Lookups that waited for another lookup's load (single flight).
        public var coalesced: Int
        /// Keys dropped because their time or uses ran out.
        public var expirations: Int
        /// Keys dropped to stay within the capacity.
        public var evictions: Int
        /// Bucket keys cached now.
        public var entries: Int
        /// Loads in progress now.
        public var inFlight: Int
    }

    /// One bucket's contents.
    public struct Bucket: Codable, Sendable, Equatable {
        /// The bucket name.
        public var name: String
        /// Its number of objects.
        public var objects: Int
        /// The sum of its objects' plaintext sizes.
        public var bytes: Int64
    }

    /// KMS requests since start-up by caller (`api`, `s3`), then by operation; operations never called are absent.
    public var kmsRequests: [String: [String: Int]]
    /// The two bucket-key caches, under `writes` and `reads`.
    public var bucketKeyCache: [String: BucketKeyCache]
    /// Every bucket, by name.
    public var buckets: [Bucket]
    /// The node that answered (`--node-name`): the KMS counts and the caches are this node's, the buckets everyone's.
    public var node: String?

    /// The KMS requests of `operation` made by `caller` (`api` or `s3`) since start-up, 0 when none.
    public func kmsRequests(caller: String, operation: String) -> Int {
        kmsRequests[caller]?[operation] ?? 0
    }

    /// The pretty-printed JSON with sorted keys, as the route answers.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

extension CofferStats {
    /// Reads the three sources: the key service's request counts, the bucket-key caches and the bucket usage query.
    static func collect(kms: KeyManagementService, store: ObjectStore, node: String) async throws -> CofferStats {
        var requests: [String: [String: Int]] = ["api": [:], "s3": [:]]
        for count in kms.requestCounts() {
            requests[count.channel.rawValue, default: [:]][count.operation] = count.count
        }
        let caches = store.bucketKeyCacheStats()
        return CofferStats(
            kmsRequests: requests,
            bucketKeyCache: ["writes": BucketKeyCache(caches.writes), "reads": BucketKeyCache(caches.reads)],
            buckets: try await store.bucketUsage().map {
                Bucket(name: $0.bucket, objects: $0.objects, bytes: $0.bytes)
            },
            node: node
        )
    }
}

extension CofferStats.BucketKeyCache {
    init(_ cache: BucketKeyCacheStats.Cache) {
        self.init(
            hits: cache.hits, misses: cache.misses, coalesced: cache.coalesced, expirations: cache.expirations,
            evictions: cache.evictions, entries: cache.entries, inFlight: cache.inFlight)
    }
}
