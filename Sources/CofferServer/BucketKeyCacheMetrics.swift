import ObjectStore

/// The `coffer_bucket_key_cache_*` metrics, rendered at scrape time from ``ObjectStore/bucketKeyCacheStats()``.
///
/// The store keeps its own atomics (docs/bucket-keys.md §7), so rather than mirroring them into registry metrics on
/// every request, the metrics route appends them to the registry's output in Prometheus' text format, one series
/// per cache (`cache="writes"` for PUT, `cache="reads"` for GET). The format is simple enough to write by hand:
/// `# HELP`, `# TYPE`, then `name{label="value"} number` lines.
enum BucketKeyCacheMetrics {
    private struct Family: Sendable {
        let name: String
        let type: String
        let help: String
        let value: @Sendable (BucketKeyCacheStats.Cache) -> Int
    }

    private static let families: [Family] = [
        Family(
            name: "coffer_bucket_key_cache_hits_total", type: "counter",
            help: "Bucket-key lookups served from the cache.", value: { $0.hits }),
        Family(
            name: "coffer_bucket_key_cache_misses_total", type: "counter",
            help: "Bucket-key loads started: each is one KMS call (GenerateDataKey for writes, Decrypt for reads).",
            value: { $0.misses }),
        Family(
            name: "coffer_bucket_key_cache_coalesced_total", type: "counter",
            help: "Bucket-key lookups that waited for a load already in flight.", value: { $0.coalesced }),
        Family(
            name: "coffer_bucket_key_cache_expirations_total", type: "counter",
            help: "Cached bucket keys dropped because their TTL or uses ran out.", value: { $0.expirations }),
        Family(
            name: "coffer_bucket_key_cache_evictions_total", type: "counter",
            help: "Cached bucket keys dropped to stay within the capacity.", value: { $0.evictions }),
        Family(
            name: "coffer_bucket_key_cache_entries", type: "gauge", help: "Bucket keys cached now.",
            value: { $0.entries }),
        Family(
            name: "coffer_bucket_key_cache_in_flight", type: "gauge", help: "Bucket-key loads in progress now.",
            value: { $0.inFlight }),
    ]

    /// The metrics of `stats` in Prometheus' text format.
    static func render(_ stats: BucketKeyCacheStats) -> String {
        var text = ""
        for family in families {
            text += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n"
            text += "\(family.name){cache=\"writes\"} \(family.value(stats.writes))\n"
            text += "\(family.name){cache=\"reads\"} \(family.value(stats.reads))\n"
        }
        return text
    }
}
