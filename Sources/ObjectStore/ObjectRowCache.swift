import Synchronization

/// Object rows recently read by GET and HEAD, so that reading a hot key skips the database and its thread hop.
///
/// Consistency rests on two rules, both enforced by ``MetadataDatabase``:
/// - Every write transaction drops the rows it may have changed (the keys PutObject and DeleteObjects name, else
///   all rows) after it ends and before its `write` returns, so a write is acknowledged only once no reader can be
///   served a row it replaced (``invalidate(_:)``, ``invalidateAll()``).
/// - A reader that missed notes the ``generation`` before it reads the database and stores the row only if no
///   write finished meanwhile (``store(_:readAt:)``): a row read before a commit can never be stored after that
///   commit's invalidation.
///
/// A reader may still be served the previous row between a commit and its invalidation, while that write is not yet
/// acknowledged, which is what a read racing a write may see anyway. The cache holds metadata and, for small
/// objects, their sealed bytes (ciphertext), never a key. Bounded by entries and by inline bytes; when full, an
/// arbitrary entry makes room.
final class ObjectRowCache: Sendable {
    /// An object's address, as the cache files its row.
    struct Key: Hashable, Sendable {
        var bucket: String
        var key: String
    }

    private struct State {
        var rows: [Key: ObjectRow] = [:]
        var inlineBytes = 0
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The most rows held; 0 disables the cache.
    let capacity: Int
    /// The most bytes of inline blobs held.
    let inlineByteCapacity: Int

    init(capacity: Int, inlineByteCapacity: Int) {
        self.capacity = capacity
        self.inlineByteCapacity = inlineByteCapacity
    }

    /// The cached row of `bucket`/`key`, if any.
    func row(bucket: String, key: String) -> ObjectRow? {
        guard capacity > 0 else { return nil }
        return state.withLock { $0.rows[Key(bucket: bucket, key: key)] }
    }

    /// The number of write transactions finished so far; read it before reading the database.
    var generation: UInt64 {
        state.withLock { $0.generation }
    }

    /// Caches `row`, read from the database after ``generation`` returned `generation`, unless a write finished since.
    func store(_ row: ObjectRow, readAt generation: UInt64) {
        let size = row.inlineBlob?.count ?? 0
        guard capacity > 0, size <= inlineByteCapacity else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            let key = Key(bucket: row.bucket, key: row.key)
            if let old = state.rows.removeValue(forKey: key) { state.inlineBytes -= old.inlineBlob?.count ?? 0 }
            while !state.rows.isEmpty
                && (state.rows.count >= capacity || state.inlineBytes + size > inlineByteCapacity)
            {
                let evicted = state.rows.remove(at: state.rows.startIndex).value
                state.inlineBytes -= evicted.inlineBlob?.count ?? 0
            }
            state.rows[key] = row
            state.inlineBytes += size
        }
    }

    /// Drops the rows of `keys` and starts a new generation. Called after a write transaction that changed no other
    /// object row, committed or not.
    func invalidate(_ keys: [Key]) {
        state.withLock { state in
            state.generation &+= 1
            for key in keys {
                if let old = state.rows.removeValue(forKey: key) {
                    state.inlineBytes -= old.inlineBlob?.count ?? 0
                }
            }
        }
    }

    /// Empties the cache and starts a new generation. Called after every other write transaction, committed or not.
    func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            if !state.rows.isEmpty {
                state.rows.removeAll(keepingCapacity: true)
                state.inlineBytes = 0
            }
        }
    }
}
