import AccessPolicy
import Synchronization

/// Compiled bucket policies, so that a request compiles its bucket's policy only when the text changed.
///
/// Keyed by bucket and checked against the text the store returned for this request, so it is never stale: the
/// store's answer (cached per node on SQLite, read afresh from PostgreSQL) decides which policy applies; this only
/// saves recompiling it. Bounded: when full, an arbitrary entry goes.
final class BucketPolicyCache: Sendable {
    private let entries = Mutex([String: (text: String, policy: BucketPolicy)]())
    private let capacity = 1024

    /// The compiled `text` of `bucket`'s policy; nil when the stored text does not parse (never accepted by
    /// PutBucketPolicy).
    func policy(_ text: String, bucket: String) -> BucketPolicy? {
        if let entry = entries.withLock({ $0[bucket] }), entry.text == text { return entry.policy }
        guard let policy = try? BucketPolicy(json: text, bucket: bucket) else { return nil }
        entries.withLock { entries in
            if entries[bucket] == nil, entries.count >= capacity { entries.remove(at: entries.startIndex) }
            entries[bucket] = (text, policy)
        }
        return policy
    }
}
