import Testing

@testable import AuditTrail

/// The queue state machine without a writer: continuations are only stored, so tests stay synchronous
/// except where a real continuation is needed.
@Suite struct AuditQueueTests {
    @Test func queuesUntilFullThenAsksToWait() {
        var queue = AuditQueue(capacity: 2)
        guard case .queued(nil) = queue.record(AuditFixtures.event()) else {
            Issue.record("first event should queue")
            return
        }
        guard case .queued = queue.record(AuditFixtures.event()) else {
            Issue.record("second event should queue")
            return
        }
        guard case .mustWait = queue.record(AuditFixtures.event()) else {
            Issue.record("third event should wait")
            return
        }
        #expect(queue.snapshot.queueDepth == 2)
    }

    @Test func batchesRespectTheMaximumAndFinishAfterShutdown() {
        var queue = AuditQueue(capacity: 10)
        for index in 0..<5 { _ = queue.record(AuditFixtures.event(requestID: "\(index)")) }
        guard case .write(let first, let firstSequence, let producers) = queue.takeBatch(maximumBatchSize: 3) else {
            Issue.record("expected a batch")
            return
        }
        #expect(first.map(\.requestID) == ["0", "1", "2"])
        #expect(firstSequence == 3)
        #expect(producers.isEmpty)
        _ = queue.completeBatch(through: firstSequence, count: 3)
        #expect(queue.shouldLinger(maximumBatchSize: 3))
        let parkedWriter = queue.beginShutdown()
        #expect(parkedWriter == nil)
        #expect(!queue.shouldLinger(maximumBatchSize: 3))
        guard case .write(let second, 5, _) = queue.takeBatch(maximumBatchSize: 3) else {
            Issue.record("expected the rest")
            return
        }
        #expect(second.map(\.requestID) == ["3", "4"])
        guard case .finished = queue.takeBatch(maximumBatchSize: 3) else {
            Issue.record("expected to finish once drained")
            return
        }
        guard case .writeDirectly = queue.record(AuditFixtures.event()) else {
            Issue.record("after finishing, producers write directly")
            return
        }
        #expect(queue.snapshot.eventsWritten == 3)
    }

    @Test func flushWaitsForEverythingRecordedBeforeIt() async {
        var queue = AuditQueue(capacity: 4)
        _ = queue.record(AuditFixtures.event(requestID: "a"))
        _ = queue.record(AuditFixtures.event(requestID: "b"))
        _ = await withCheckedContinuation { (flusher: CheckedContinuation<Bool, Never>) in
            let waits = queue.flush(id: queue.makeWaiterID(), flusher)
            #expect(waits)
            guard case .write(_, let first, _) = queue.takeBatch(maximumBatchSize: 1),
                queue.completeBatch(through: first, count: 1).isEmpty,
                case .write(_, let second, _) = queue.takeBatch(maximumBatchSize: 1)
            else {
                Issue.record("the flush must wait for both events")
                flusher.resume(returning: false)
                return
            }
            let released = queue.completeBatch(through: second, count: 1)
            #expect(released.count == 1)
            for waiter in released { waiter.resume(returning: true) }
        }
        _ = await withCheckedContinuation { (flusher: CheckedContinuation<Bool, Never>) in
            // Nothing pending: no need to wait.
            let waits = queue.flush(id: queue.makeWaiterID(), flusher)
            #expect(!waits)
            flusher.resume(returning: true)
        }
    }

    @Test("a producer or flush given up on leaves the queue; its event is not queued")
    func abandonedWaitersLeaveTheQueue() async {
        var queue = AuditQueue(capacity: 1)
        _ = queue.record(AuditFixtures.event(requestID: "a"))
        let producer = queue.makeWaiterID()
        let queued = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            guard
                case .suspended = queue.wait(
                    AuditFixtures.event(requestID: "b"), id: producer, continuation: continuation)
            else { return continuation.resume(returning: true) }
            queue.abandon(producer)?.resume(returning: false)
        }
        #expect(!queued)
        #expect(queue.abandon(producer) == nil)
        let flush = queue.makeWaiterID()
        let flushed = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            guard queue.flush(id: flush, continuation) else { return continuation.resume(returning: true) }
            queue.abandon(flush)?.resume(returning: false)
        }
        #expect(!flushed)
        #expect(queue.snapshot.waitingProducers == 0)
        #expect(queue.snapshot.abandonedWaits == 2)
        guard case .write(let batch, _, let resumed) = queue.takeBatch(maximumBatchSize: 10) else {
            Issue.record("expected a batch")
            return
        }
        #expect(batch.map(\.requestID) == ["a"])
        #expect(resumed.isEmpty)
    }
}
