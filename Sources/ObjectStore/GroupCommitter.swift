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
        var conditions: WriteConditions
        var continuation: CheckedContinuation<[ObjectID], any Error>
    }

    private struct State {
        var queue: [Pending] = []
        /// Drain tasks running, at most `lanes`.
        var draining = 0
    }

    private let state = Mutex(State())
    private let metadata: any ObjectMetadataStore
    private let counters: StoreCounters
    private let maximumBatchSize: Int
    /// How many batches may commit at once: 1 for SQLite's single writer; several for a server database, whose
    /// transactions run in parallel and share WAL flushes by themselves (``CommitGrouping``).
    private let lanes: Int

    init(metadata: any ObjectMetadataStore, counters: StoreCounters) {
        self.metadata = metadata
        self.counters = counters
        self.maximumBatchSize = metadata.commitGrouping.batchLimit
        self.lanes = max(1, metadata.commitGrouping.lanes)
    }

    /// Commits `row`, replacing the key's current row, and returns the replaced object's blob ids.
    ///
    /// `conditions` are checked against the current row in the same transaction (`preconditionFailed`,
    /// `noSuchKey`). Returns only after the transaction holding the row has committed (and, in durable mode, synced).
    func commit(_ row: ObjectRow, conditions: WriteConditions = .none) async throws -> [ObjectID] {
        try await withCheckedThrowingContinuation { continuation in
            let startsDrain = state.withLock { state in
                state.queue.append(Pending(row: row, conditions: conditions, continuation: continuation))
                guard state.draining < lanes else { return false }
                state.draining += 1
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
                let results = try await metadata.commitObjects(batch.map { ($0.row, $0.conditions) })
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
                state.draining -= 1
                return nil
            }
            let count = min(state.queue.count, maximumBatchSize)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return batch
        }
    }
}
