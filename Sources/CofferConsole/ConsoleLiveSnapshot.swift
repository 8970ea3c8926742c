import Foundation
import KMS
import KMSQuota
import ObjectStore

/// One event of the live stream (`api/live`): the counters the lecture view draws, all cumulative since start-up.
struct ConsoleLiveSnapshot: Encodable {
    /// One bucket-key cache's counters (docs/bucket-keys.md §7).
    struct Cache: Encodable {
        let hits, misses, coalesced, expirations, evictions, entries, inFlight: Int

        init(_ cache: BucketKeyCacheStats.Cache) {
            (hits, misses, coalesced, expirations) = (cache.hits, cache.misses, cache.coalesced, cache.expirations)
            (evictions, entries, inFlight) = (cache.evictions, cache.entries, cache.inFlight)
        }
    }

    /// One request quota family: its limit and the decisions so far.
    struct Quota: Encodable {
        let family: String
        let label: String
        /// Requests per second; nil when the family is unlimited.
        let limitPerSecond: Int?
        let admitted: Int
        let throttled: Int
    }

    let time: Date
    /// KMS requests by caller (`api`, `s3`), then by operation.
    let kmsRequests: [String: [String: Int]]
    let bucketKeyCache: [String: Cache]
    let quotas: [Quota]
    let experiment: ConsoleExperiment.Snapshot?

    init(kms: KeyManagementService, store: ObjectStore, experiment: ConsoleExperiment, now: Date = Date()) {
        time = now
        var requests: [String: [String: Int]] = ["api": [:], "s3": [:]]
        for count in kms.requestCounts() {
            requests[count.channel.rawValue, default: [:]][count.operation] = count.count
        }
        kmsRequests = requests
        let caches = store.bucketKeyCacheStats()
        bucketKeyCache = ["writes": Cache(caches.writes), "reads": Cache(caches.reads)]
        let (limits, decisions) = kms.quotaUsage()
        quotas = QuotaFamily.allCases.map { family in
            let counts = decisions.total(family)
            return Quota(
                family: family.rawValue, label: Self.label(family),
                limitPerSecond: limits[family] > 0 ? limits[family] : nil, admitted: counts.admitted,
                throttled: counts.throttled)
        }
        self.experiment = experiment.snapshot
    }

    static func label(_ family: QuotaFamily) -> String {
        switch family {
        case .symmetric: "Cryptographic operations (symmetric)"
        case .rsa: "Cryptographic operations (RSA)"
        case .ecc: "Cryptographic operations (ECC)"
        }
    }
}
