import Logging
import Metrics
import Synchronization

extension AuditWriter {
    /// Appends `events`, one run of same-day events at a time, retrying each run until it is synced.
    ///
    /// Gives up only when the service is cancelled while the disk keeps failing; the loss is logged.
    func write(_ events: [AuditEvent]) async {
        var start = events.startIndex
        while start < events.endIndex {
            let day = AuditDay(events[start].eventTime)
            var end = start + 1
            while end < events.endIndex, AuditDay(events[end].eventTime) == day { end += 1 }
            await appendRetrying(events[start..<end], day: day)
            start = end
        }
    }

    /// Appends one event after the writer has finished (recorded during or after shutdown).
    func writeDirectly(_ event: AuditEvent) async {
        do {
            try await io.append([event], day: AuditDay(event.eventTime))
            state.withLock { $0.recordDirectWrite() }
            metrics.eventsWritten.increment()
        } catch {
            metrics.writeFailures.increment()
            logger.error(
                "audit event lost after shutdown",
                metadata: ["error": "\(error)", "requestID": "\(event.requestID)"])
        }
    }

    private func appendRetrying(_ events: ArraySlice<AuditEvent>, day: AuditDay) async {
        var backoff = Duration.milliseconds(100)
        while true {
            do {
                try await io.append(events, day: day)
                return
            } catch {
                state.withLock { $0.recordWriteFailure(error) }
                metrics.writeFailures.increment()
                guard !Task.isCancelled else {
                    logger.critical(
                        "audit events lost: write failed during cancellation",
                        metadata: ["error": "\(error)", "count": "\(events.count)"])
                    return
                }
                logger.error("audit write failed, retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }
}
