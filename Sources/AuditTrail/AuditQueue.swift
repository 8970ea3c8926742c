import DequeModule

/// The audit writer's queue as a state machine: bounded event storage, FIFO producers waiting for room,
/// the writer waiting for work, and callers waiting for durability.
///
/// A waiting producer or flush is resumed with `true` once its event is queued (or durable), or with `false` when
/// its waiter gives up first (``abandon(_:)``, for a bounded wait).
///
/// A value with no I/O and no locks: `AuditWriter` keeps it in a `Mutex`, calls one method per event, and
/// resumes the continuations the methods hand back after leaving the lock.
struct AuditQueue {
    /// A producer suspended because the queue was full, with the event it brought.
    struct Producer {
        var id: UInt64
        var event: AuditEvent
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct FlushWaiter {
        var id: UInt64
        var sequence: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    /// Where the writer is in its life.
    enum Phase: Equatable {
        /// Accepting events and writing them.
        case running
        /// Shutting down: still accepting, writing until the queue is empty.
        case draining
        /// Gone: later events are written directly by their producer.
        case finished
    }

    let capacity: Int
    private(set) var phase = Phase.running
    private var events: Deque<AuditEvent>
    private var producers: Deque<Producer> = []
    private var flushWaiters: [FlushWaiter] = []
    private var writer: CheckedContinuation<Void, Never>?
    /// The number of events ever admitted to `events`: the sequence number of the newest one.
    private var admitted: UInt64 = 0
    /// The sequence number up to which events are durable.
    private var durable: UInt64 = 0
    private(set) var counters = AuditWriterSnapshot()
    /// The last failed write since the last successful one.
    private(set) var lastWriteFailure: AuditTrailError?
    private var nextWaiterID: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "the audit queue needs room for at least one event")
        self.capacity = capacity
        self.events = Deque(minimumCapacity: capacity)
    }

    /// The outcome of a producer's first, lock-only attempt.
    enum RecordAction {
        /// Queued; resume the writer if given.
        case queued(wakeWriter: CheckedContinuation<Void, Never>?)
        /// The queue is full or others wait before us: suspend and call `wait`.
        case mustWait
        /// The writer has finished: write the event directly.
        case writeDirectly
    }

    /// Queues `event` if there is room and nobody waits ahead of it.
    mutating func record(_ event: AuditEvent) -> RecordAction {
        if phase == .finished { return .writeDirectly }
        guard producers.isEmpty, events.count < capacity else { return .mustWait }
        admit(event)
        return .queued(wakeWriter: takeWriter())
    }

    /// The outcome of a producer's second attempt, made with its continuation in hand.
    enum WaitAction {
        /// Room appeared meanwhile: resume the producer (and the writer if given) now.
        case queued(wakeWriter: CheckedContinuation<Void, Never>?)
        /// Suspended in FIFO order; `takeBatch` resumes it once its event is queued.
        case suspended
        /// The writer has finished: resume the producer and write the event directly.
        case writeDirectly
    }

    /// Queues `event` if possible, or parks the producer behind those already waiting.
    mutating func wait(_ event: AuditEvent, id: UInt64, continuation: CheckedContinuation<Bool, Never>) -> WaitAction {
        if phase == .finished { return .writeDirectly }
        if producers.isEmpty, events.count < capacity {
            admit(event)
            return .queued(wakeWriter: takeWriter())
        }
        producers.append(Producer(id: id, event: event, continuation: continuation))
        counters.backPressureWaits += 1
        return .suspended
    }

    /// Parks the writer until there is work; false when it must not wait (work, or shutdown).
    mutating func parkWriter(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        guard events.isEmpty, phase == .running else { return false }
        writer = continuation
        return true
    }

    /// Whether the writer should linger for a fuller batch: not while a caller waits for a flush.
    func shouldLinger(maximumBatchSize: Int) -> Bool {
        phase == .running && events.count < maximumBatchSize && flushWaiters.isEmpty
    }

    /// The next batch to write.
    enum BatchAction {
        /// Write `events` (sequence numbers up to `lastSequence`); resume `producers`, whose events are now queued.
        case write(events: [AuditEvent], lastSequence: UInt64, producers: [CheckedContinuation<Bool, Never>])
        /// Nothing to write: wait for work (`parkWriter`).
        case idle
        /// Drained after shutdown: resume `flushWaiters` and stop.
        case finished(flushWaiters: [CheckedContinuation<Bool, Never>])
    }

    /// Takes up to `maximumBatchSize` events and refills the freed room from waiting producers, in order.
    mutating func takeBatch(maximumBatchSize: Int) -> BatchAction {
        guard !events.isEmpty else {
            guard phase == .draining else { return .idle }
            phase = .finished
            let waiters = flushWaiters.map(\.continuation)
            flushWaiters = []
            return .finished(flushWaiters: waiters)
        }
        let count = min(events.count, maximumBatchSize)
        let batch = Array(events.prefix(count))
        events.removeFirst(count)
        let lastSequence = admitted - UInt64(events.count)
        var resumed: [CheckedContinuation<Bool, Never>] = []
        while events.count < capacity, let producer = producers.popFirst() {
            admit(producer.event)
            resumed.append(producer.continuation)
        }
        return .write(events: batch, lastSequence: lastSequence, producers: resumed)
    }

    /// Marks everything up to `sequence` durable after a batch of `count` events; returns flushers to resume.
    mutating func completeBatch(through sequence: UInt64, count: Int) -> [CheckedContinuation<Bool, Never>] {
        durable = max(durable, sequence)
        lastWriteFailure = nil
        counters.eventsWritten += count
        counters.batchesWritten += 1
        let (done, pending) = flushWaiters.partitioned { $0.sequence <= durable }
        flushWaiters = pending
        return done.map(\.continuation)
    }

    /// Counts a failed write attempt (the batch is retried) and keeps its error for bounded waits that give up.
    mutating func recordWriteFailure(_ error: AuditTrailError? = nil) {
        counters.writeFailures += 1
        lastWriteFailure = error ?? lastWriteFailure
    }

    /// Counts events written directly after the writer finished.
    mutating func recordDirectWrite() {
        counters.eventsWritten += 1
    }

    /// Registers a flush: true when it must wait (events recorded so far are not yet durable).
    mutating func flush(id: UInt64, _ continuation: CheckedContinuation<Bool, Never>) -> Bool {
        let target = admitted + UInt64(producers.count)
        guard phase != .finished, target > durable else { return false }
        flushWaiters.append(FlushWaiter(id: id, sequence: target, continuation: continuation))
        return true
    }

    /// A new id for a waiting producer or flush.
    mutating func makeWaiterID() -> UInt64 {
        nextWaiterID += 1
        return nextWaiterID
    }

    /// Gives up on the producer or flush `id` if it still waits: returns its continuation, to resume with `false`.
    /// A producer given up on leaves its event unqueued; nil when it was already resumed.
    mutating func abandon(_ id: UInt64) -> CheckedContinuation<Bool, Never>? {
        if let index = producers.firstIndex(where: { $0.id == id }) {
            counters.abandonedWaits += 1
            return producers.remove(at: index).continuation
        }
        if let index = flushWaiters.firstIndex(where: { $0.id == id }) {
            counters.abandonedWaits += 1
            return flushWaiters.remove(at: index).continuation
        }
        return nil
    }

    /// Starts draining; returns the parked writer, if any, to resume.
    mutating func beginShutdown() -> CheckedContinuation<Void, Never>? {
        if phase == .running { phase = .draining }
        return takeWriter()
    }

    /// The counters with the current depth.
    var snapshot: AuditWriterSnapshot {
        var snapshot = counters
        snapshot.queueDepth = events.count
        snapshot.waitingProducers = producers.count
        return snapshot
    }

    private mutating func admit(_ event: AuditEvent) {
        events.append(event)
        admitted += 1
    }

    private mutating func takeWriter() -> CheckedContinuation<Void, Never>? {
        defer { writer = nil }
        return writer
    }
}

extension Array {
    fileprivate func partitioned(by isFirst: (Element) -> Bool) -> ([Element], [Element]) {
        var first: [Element] = []
        var second: [Element] = []
        for element in self {
            if isFirst(element) { first.append(element) } else { second.append(element) }
        }
        return (first, second)
    }
}
