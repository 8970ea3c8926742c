public import Logging
public import Metrics
public import ServiceLifecycle
import Synchronization

/// The durable, append-only audit trail: a ServiceLifecycle `Service` that batches events to JSON-line files.
///
/// Producers call `record(_:)` on the request path. It costs one short critical section: the event is queued
/// in memory, and encoding, writing and fsync happen in the background. A batch (up to
/// `maximumBatchSize` events, gathered for up to `maximumBatchDelay`) is appended to
/// `<directory>/audit-YYYYMMDD.jsonl` of each event's UTC day and fsynced.
///
/// - Durability: an event is durable once its batch is synced. `record(_:)` returns before that, so a response
///   may precede its event's fsync by up to one batch (about `maximumBatchDelay` plus one fsync); callers that
///   must not answer before their event is on disk use `recordDurably(_:)` (the key service does, for every
///   successful change), which waits at most `maximumWait`.
/// - Back-pressure, never drops: when `queueCapacity` events wait, `record` suspends its caller, in FIFO
///   order, until the writer has taken a batch. If the disk fails, the writer retries the batch with
///   back-off, so the KMS slows down rather than loses events. `recordWithinLimit(_:)` and `flush(within:)` wait
///   at most `maximumWait`, then throw, so that a full disk fails requests instead of hanging them.
/// - Shutdown: graceful shutdown (or cancellation) drains the queue before `run()` returns. An event
///   recorded after that is appended directly by its producer. Only a write still failing when the service
///   is cancelled loses events (logged with their count).
///
/// Run it in the ServiceGroup before the HTTP server, so it stops after the server has drained.
public final class AuditWriter: Service, AuditSink {
    let configuration: AuditWriterConfiguration
    let state: Mutex<AuditQueue>
    let io: AuditFileIO
    let metrics: AuditMetrics
    let logger: Logger
    private let started = Atomic<Bool>(false)

    /// Creates a writer; nothing touches the disk until `run()` takes the first batch.
    public init(
        configuration: AuditWriterConfiguration,
        logger: Logger = Logger(label: "coffer.audit"),
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.configuration = configuration
        self.state = Mutex(AuditQueue(capacity: configuration.queueCapacity))
        self.io = AuditFileIO(directory: configuration.directory)
        self.metrics = AuditMetrics(factory: metricsFactory)
        self.logger = logger
    }

    /// Queues `event` for the trail; suspends only while the queue is full (back-pressure), without a time limit.
    public nonisolated(nonsending) func record(_ event: AuditEvent) async {
        _ = await enqueue(event, within: nil)
    }

    /// Returns once every event recorded before the call is durable (synced), or the writer has finished.
    public nonisolated(nonsending) func flush() async {
        _ = await flushWaiting(within: nil)
    }

    /// The queue depth and the writer's counters.
    public func snapshot() -> AuditWriterSnapshot {
        state.withLock { $0.snapshot }
    }

    /// Writes batches until graceful shutdown or cancellation, then drains the queue and returns.
    public func run() async throws {
        precondition(!started.exchange(true, ordering: .relaxed), "AuditWriter.run() may be called only once")
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await writeUntilDrained()
            } onCancel: {
                beginShutdown()
            }
        } onGracefulShutdown: {
            self.beginShutdown()
        }
        await io.close()
        logger.debug("audit writer stopped", metadata: ["events": "\(snapshot().eventsWritten)"])
    }

    private func beginShutdown() {
        state.withLock { $0.beginShutdown() }?.resume()
    }

    private func writeUntilDrained() async {
        while true {
            await waitForWork()
            let delay = configuration.maximumBatchDelay
            if delay > .zero, state.withLock({ $0.shouldLinger(maximumBatchSize: configuration.maximumBatchSize) }) {
                // Let the batch fill; shutdown and cancellation cut the wait short.
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            }
            switch state.withLock({ $0.takeBatch(maximumBatchSize: configuration.maximumBatchSize) }) {
            case .idle:
                continue
            case .finished(let flushWaiters):
                metrics.queueDepth.record(0)
                for waiter in flushWaiters { waiter.resume(returning: true) }
                return
            case .write(let events, let lastSequence, let producers):
                for producer in producers { producer.resume(returning: true) }
                metrics.queueDepth.record(snapshot().queueDepth)
                await write(events)
                let flushWaiters = state.withLock { $0.completeBatch(through: lastSequence, count: events.count) }
                metrics.eventsWritten.increment(by: events.count)
                for waiter in flushWaiters { waiter.resume(returning: true) }
            }
        }
    }

    private func waitForWork() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !state.withLock({ $0.parkWriter(continuation) }) { continuation.resume() }
        }
    }
}
