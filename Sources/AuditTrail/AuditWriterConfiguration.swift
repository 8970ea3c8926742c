/// How the audit writer queues and batches events.
public struct AuditWriterConfiguration: Sendable, Hashable {
    /// The directory of the day files, normally `AuditLayout.directory(dataDirectory:)`.
    public var directory: String
    /// How many events may wait in memory before `record` suspends its caller (back-pressure).
    public var queueCapacity: Int
    /// The most events appended and synced together.
    public var maximumBatchSize: Int
    /// How long the writer lets a batch fill before writing it when it is not full; zero writes at once.
    public var maximumBatchDelay: Duration
    /// How long ``AuditWriter/recordWithinLimit(_:)`` and ``AuditWriter/flush(within:)`` callers wait for the trail
    /// before giving up (the disk is full or failing).
    public var maximumWait: Duration

    /// Creates a configuration: 8,192 queued events, batches of up to 512, gathered for up to 50 ms; bounded waits
    /// give up after 5 s.
    public init(
        directory: String, queueCapacity: Int = 8_192, maximumBatchSize: Int = 512,
        maximumBatchDelay: Duration = .milliseconds(50), maximumWait: Duration = .seconds(5)
    ) {
        precondition(queueCapacity > 0 && maximumBatchSize > 0, "audit queue and batch sizes must be positive")
        self.directory = directory
        self.queueCapacity = queueCapacity
        self.maximumBatchSize = maximumBatchSize
        self.maximumBatchDelay = maximumBatchDelay
        self.maximumWait = maximumWait
    }
}
