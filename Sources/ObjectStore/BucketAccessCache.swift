import Synchronization

/// Each bucket's ``BucketAccess`` (policy and Block Public Access), kept in memory by the SQLite store so that
/// authorizing a request costs no database read.
///
/// The SQLite database belongs to one process (the data folder's lock), and every change of a bucket's access goes
/// through ``MetadataDatabase``, which calls ``invalidate(_:)`` after the transaction ends and before the write
/// returns. The same generation rule as ``ObjectRowCache`` keeps a reader from storing what it read before a write
/// after that write's invalidation. Unknown buckets are not cached. Bounded: when full, an arbitrary entry goes.
final class BucketAccessCache: Sendable {
    private struct State {
        var entries: [String: BucketAccess] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The most buckets held.
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached access of `bucket`, or nil when not cached.
    func access(_ bucket: String) -> BucketAccess? {
        state.withLock { $0.entries[bucket] }
    }

    /// The number of invalidations so far; read it before reading the database.
    var generation: UInt64 {
        state.withLock { $0.generation }
    }

    /// Caches `access`, read after ``generation`` returned `generation`, unless an invalidation happened since.
    func store(_ access: BucketAccess, for bucket: String, readAt generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries[bucket] == nil, state.entries.count >= capacity {
                state.entries.remove(at: state.entries.startIndex)
            }
            state.entries[bucket] = access
        }
    }

    /// Drops `bucket`'s entry and starts a new generation: after any write that may change it.
    func invalidate(_ bucket: String) {
        state.withLock { state in
            state.generation &+= 1
            state.entries[bucket] = nil
        }
    }
}
