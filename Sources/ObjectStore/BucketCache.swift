import Synchronization

/// A value per bucket kept in memory, such as its ``BucketAccess`` (policy and Block Public Access), so that
/// authorizing a request costs no database read.
///
/// Whoever changes a bucket calls ``invalidate(_:)`` after the transaction ends and before the write returns: the SQLite
/// store (the database belongs to one process, the data folder's lock), and the PostgreSQL store for its own writes
/// and for every other node's, which reach it through the change log. The same generation rule as ``ObjectRowCache``
/// keeps a reader from storing what it read before a write after that write's invalidation. Unknown buckets are not
/// cached. Bounded: when full, an arbitrary entry goes.
package final class BucketCache<Value: Sendable>: Sendable {
    private struct State {
        var entries: [String: Value] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The most buckets held.
    let capacity: Int

    package init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached value of `bucket`, or nil when not cached.
    package func value(_ bucket: String) -> Value? {
        state.withLock { $0.entries[bucket] }
    }

    /// The number of invalidations so far; read it before reading the database.
    package var generation: UInt64 {
        state.withLock { $0.generation }
    }

    /// Caches `value`, read after ``generation`` returned `generation`, unless an invalidation happened since.
    package func store(_ value: Value, for bucket: String, readAt generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries[bucket] == nil, state.entries.count >= capacity {
                state.entries.remove(at: state.entries.startIndex)
            }
            state.entries[bucket] = value
        }
    }

    /// Drops `bucket`'s entry and starts a new generation: after any write that may change it.
    package func invalidate(_ bucket: String) {
        state.withLock { state in
            state.generation &+= 1
            state.entries[bucket] = nil
        }
    }

    /// Drops every entry and starts a new generation: when changes may have been missed.
    package func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
        }
    }
}
