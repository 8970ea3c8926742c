/// The audit writer's counters, for the admin endpoints and tests.
public struct AuditWriterSnapshot: Sendable, Hashable {
    /// Events queued in memory, not yet taken by the writer.
    public var queueDepth = 0
    /// Producers suspended because the queue was full.
    public var waitingProducers = 0
    /// Events appended and synced.
    public var eventsWritten = 0
    /// Batches appended and synced.
    public var batchesWritten = 0
    /// Times a producer had to wait for room (back-pressure).
    public var backPressureWaits = 0
    /// Failed write attempts (each retried).
    public var writeFailures = 0
    /// Bounded waits (``AuditWriter/recordWithinLimit(_:)``, ``AuditWriter/flush(within:)``) that gave up.
    public var abandonedWaits = 0

    /// Creates an all-zero snapshot.
    public init() {}
}
