import Synchronization

/// Batches concurrent object commits into shared write transactions: group commit.
///
/// With `synchronous=FULL` every SQLite commit costs one fsync of the WAL. Callers enqueue their row and
/// wait; one drain task at a time takes everything queued (up to `maximumBatchSize`) and commits it in
/// one transaction, so N concurrent PUTs share one fsync. While a batch commits, new arrivals queue up
/// for the next one: batching grows with load and costs nothing when idle.
final class GroupCommitter: Sendable {
    private struct Pending {
        var row: ObjectRow
        var continuation: CheckedContinuation<ObjectID?, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var isDraining = false
    }

    private let state = Mutex(State())
    private let database: MetadataDatabase
    private let counters: StoreCounters
    private let maximumBatchSize: Int

    init(database: MetadataDatabase, counters: StoreCounters, maximumBatchSize: Int = 256) {
        self.database = database
        self.counters = counters
        self.maximumBatchSize = maximumBatchSize
    }

    /// Commits `row`, replacing the key's current row, and returns the replaced object id.
    ///
    /// Returns only after the transaction holding the row has committed (and, in durable mode, synced).
    func commit(_ row: ObjectRow) async throws -> ObjectID? {
        try await withCheckedThrowingContinuation { continuation in
            let startsDrain = state.withLock { state in
                state.queue.append(Pending(row: row, continuation: continuation))
                guard !state.isDraining else { return false }
                state.isDraining = true
                return true
            }
            if startsDrain {
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while let batch = nextBatch() {
            counters.committedBatch(of: batch.count)
            do {
                let results = try await database.commitObjects(batch.map(\.row))
                for (pending, result) in zip(batch, results) {
                    pending.continuation.resume(with: result.mapError { $0 as any Error })
                }
            } catch {
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
    }

    /// Takes the next batch, or marks the committer idle and returns nil when nothing is queued.
    private func nextBatch() -> [Pending]? {
        state.withLock { state in
            guard !state.queue.isEmpty else {
                state.isDraining = false
                return nil
            }
            let count = min(state.queue.count, maximumBatchSize)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return batch
        }
    }
}
