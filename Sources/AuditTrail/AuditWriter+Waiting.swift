import Logging
import Metrics
import Synchronization

/// Recording and flushing, with or without a time limit.
extension AuditWriter {
    /// Queues `event` like ``record(_:)``, but waits at most `maximumWait` for room in the queue.
    ///
    /// Room is short only while the writer cannot write (the disk is full or failing): the caller then fails its
    /// request rather than hang. Throws ``AuditTrailError/unavailable(_:errno:)`` when the time ran out; the event
    /// was then not recorded.
    public nonisolated(nonsending) func recordWithinLimit(_ event: AuditEvent) async throws(AuditTrailError) {
        guard await enqueue(event, within: configuration.maximumWait) else { throw unavailable() }
    }

    /// Queues `event` and returns once it is durable (synced) or the writer has finished; waits at most
    /// `maximumWait`, then throws ``AuditTrailError/unavailable(_:errno:)``.
    ///
    /// The event is queued and its flush registered in one critical section, and the writer does not linger for a
    /// fuller batch while a flush waits: this costs one fsync, shared with the events written in the same batch.
    /// When the queue is full or the writer has finished, it falls back to ``recordWithinLimit(_:)`` then
    /// ``flush(within:)``.
    public nonisolated(nonsending) func recordDurably(_ event: AuditEvent) async throws(AuditTrailError) {
        var queued = true
        let durable = await waitBounded(within: configuration.maximumWait) { id, continuation in
            let (action, waits) = state.withLock { queue in
                let action = queue.record(event)
                guard case .queued = action else { return (action, false) }
                return (action, queue.flush(id: id, continuation))
            }
            if case .queued(let writer) = action { writer?.resume() } else { queued = false }
            if !waits { continuation.resume(returning: queued) }
        }
        if durable { return }
        guard !queued else { throw unavailable() }
        try await recordWithinLimit(event)
        try await flush(within: configuration.maximumWait)
    }

    /// Returns once every event recorded before the call is durable, like ``flush()``, but waits at most `limit`.
    ///
    /// Throws ``AuditTrailError/unavailable(_:errno:)`` when the time ran out; the events stay queued and are written
    /// once the disk accepts them again.
    public nonisolated(nonsending) func flush(within limit: Duration) async throws(AuditTrailError) {
        guard await flushWaiting(within: limit) else { throw unavailable() }
    }

    /// Queues `event`, waiting for room for at most `limit` (nil: without limit); false when the time ran out.
    func enqueue(_ event: AuditEvent, within limit: Duration?) async -> Bool {
        switch state.withLock({ $0.record(event) }) {
        case .queued(let writer):
            writer?.resume()
            return true
        case .writeDirectly:
            await writeDirectly(event)
            return true
        case .mustWait:
            break
        }
        metrics.backPressureWaits.increment()
        metrics.queueDepth.record(configuration.queueCapacity)
        var direct = false
        let queued = await waitBounded(within: limit) { id, continuation in
            switch state.withLock({ $0.wait(event, id: id, continuation: continuation) }) {
            case .queued(let writer):
                continuation.resume(returning: true)
                writer?.resume()
            case .suspended:
                break
            case .writeDirectly:
                direct = true
                continuation.resume(returning: true)
            }
        }
        if direct { await writeDirectly(event) }
        return queued
    }

    /// Waits until the events recorded so far are durable, for at most `limit` (nil: without limit); false when the
    /// time ran out.
    func flushWaiting(within limit: Duration?) async -> Bool {
        await waitBounded(within: limit) { id, continuation in
            if !state.withLock({ $0.flush(id: id, continuation) }) { continuation.resume(returning: true) }
        }
    }

    /// Parks the caller with `park` (which registers the continuation under the given waiter id, or resumes it at
    /// once) and returns what it is resumed with; after `limit`, a waiter still parked is abandoned and gets `false`.
    private func waitBounded(
        within limit: Duration?, _ park: (UInt64, CheckedContinuation<Bool, Never>) -> Void
    ) async -> Bool {
        let id = state.withLock { $0.makeWaiterID() }
        var timer: Task<Void, any Error>?
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            park(id, continuation)
            // Started after the waiter is registered, so that it cannot fire before there is anything to abandon.
            if let limit {
                timer = Task {
                    try await Task.sleep(for: limit)
                    self.state.withLock { $0.abandon(id) }?.resume(returning: false)
                }
            }
        }
        timer?.cancel()
        return result
    }

    private func unavailable() -> AuditTrailError {
        let errno = state.withLock { $0.lastWriteFailure?.errno } ?? 0
        logger.error(
            "audit trail unavailable: gave up waiting for it",
            metadata: ["directory": "\(configuration.directory)", "errno": "\(errno)"])
        return .unavailable(configuration.directory, errno: errno)
    }
}
