import Foundation

/// How to open an ``ObjectStore``.
public struct ObjectStoreConfiguration: Sendable {
    /// The data directory; the store uses `<data>/meta/` and `<data>/objects/`.
    public var dataDirectory: String
    /// The region reported by GetBucketLocation and recorded on buckets.
    public var region: String
    /// Whether writes are fsynced before they are acknowledged.
    public var durability: Durability
    /// The plaintext size of one sealed segment for new objects (docs/storage-format.md).
    public var segmentSize: Int
    /// The largest object a single PUT may store (S3: 5 GiB).
    public var maximumObjectSize: Int64
    /// Threads for blocking file I/O; fsyncs block a thread each, so this bounds concurrent syncs.
    public var ioThreads: Int

    /// The default segment size, 64 KiB.
    public static let defaultSegmentSize = 64 * 1024

    /// Creates a configuration with defaults for everything but the data directory.
    public init(
        dataDirectory: String,
        region: String = "us-east-1",
        durability: Durability = .durable,
        segmentSize: Int = ObjectStoreConfiguration.defaultSegmentSize,
        maximumObjectSize: Int64 = 5 * 1024 * 1024 * 1024,
        ioThreads: Int = 16
    ) {
        self.dataDirectory = dataDirectory
        self.region = region
        self.durability = durability
        self.segmentSize = segmentSize
        self.maximumObjectSize = maximumObjectSize
        self.ioThreads = ioThreads
    }

    /// Internal hooks: a clock and a fault injection point for crash-safety tests.
    var clock: @Sendable () -> Date = { Date() }
    /// Runs after a blob is durable under its final name and before its metadata commits.
    var afterBlobPublished: (@Sendable (ObjectID) async throws -> Void)?
}
