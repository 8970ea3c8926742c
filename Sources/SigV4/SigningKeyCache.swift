import Synchronization

/// A small bounded cache of derived signing keys, so that a request costs one HMAC instead of five.
///
/// Keyed by access key id, secret, date, region and service: a rotated secret simply misses. When the cache
/// grows past its bound it is emptied (keys change daily, so a rare full refill is cheaper than LRU
/// bookkeeping).
final class SigningKeyCache: Sendable {
    private struct Key: Hashable {
        let accessKeyId: String
        let secretAccessKey: String
        let date: String
        let region: String
        let service: String
    }

    private let entries = Mutex<[Key: SigningKey]>([:])
    private let capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// The signing key for this scope, derived on a miss.
    func signingKey(accessKeyId: String, secretAccessKey: String, scope: CredentialScope) -> SigningKey {
        let key = Key(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            date: scope.date,
            region: scope.region,
            service: scope.service
        )
        if let cached = self.entries.withLock({ $0[key] }) { return cached }
        let derived = SigningKey(
            secretAccessKey: secretAccessKey,
            date: scope.date,
            region: scope.region,
            service: scope.service
        )
        self.entries.withLock { entries in
            if entries.count >= self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = derived
        }
        return derived
    }

    /// The number of cached keys (for tests).
    var count: Int { self.entries.withLock { $0.count } }
}
