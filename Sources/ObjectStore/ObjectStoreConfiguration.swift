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
    /// How long a plaintext bucket key stays cached after the key service returned it (docs/bucket-keys.md).
    ///
    /// This is also the revocation lag: a disabled KMS key keeps serving cached bucket keys until they expire.
    public var bucketKeyTTL: Duration
    /// How many object keys one cached bucket key may derive (writes) or recover (reads) before it is dropped.
    public var bucketKeyMaxUses: Int
    /// The most bucket keys each of the two caches (writing, reading) holds; the least recently used goes first.
    public var bucketKeyCacheCapacity: Int
    /// The smallest size of every part of a multipart object but the last (S3: 5 MiB); tests lower it.
    public var minimumPartSize: Int64
    /// Uploads initiated longer ago than this are aborted by ``ObjectStore/abortExpiredUploads()``.
    public var multipartUploadExpiry: Duration
    /// Objects of at most this many bytes keep their sealed blob in the metadata row instead of a file under
    /// `objects/` (docs/storage-format.md §9); 0 stores every object in a blob file.
    ///
    /// Only a PutObject (or CopyObject) body that ends before the first write batch (1 MiB) can be inlined, so
    /// values above that act as 1 MiB.
    public var inlineThreshold: Int
    /// The most object rows GET and HEAD keep in memory (``ObjectRowCache``); 0 disables the cache.
    public var rowCacheCapacity: Int
    /// The most bytes of small objects' sealed blobs the row cache holds.
    public var rowCacheInlineBytes: Int

    /// The default segment size, 64 KiB.
    public static let defaultSegmentSize = 64 * 1024
    /// The default bucket key lifetime, 5 minutes (docs/bucket-keys.md explains the choice).
    public static let defaultBucketKeyTTL = Duration.seconds(300)
    /// The default number of uses of one cached bucket key, 100,000.
    public static let defaultBucketKeyMaxUses = 100_000
    /// The default capacity of each bucket-key cache, 1,024 entries.
    public static let defaultBucketKeyCacheCapacity = 1024
    /// S3's minimum part size, 5 MiB.
    public static let defaultMinimumPartSize: Int64 = 5 << 20
    /// The default age at which abandoned uploads are aborted, 7 days.
    public static let defaultMultipartUploadExpiry = Duration.seconds(7 * 24 * 3600)
    /// The default inline threshold, 32 KiB: a small object then costs one shared fsync of the metadata (group
    /// commit) instead of a file create, fsync, rename and directory fsync (docs/performance.md).
    public static let defaultInlineThreshold = 32 * 1024
    /// The default row cache: 10,000 rows, of which at most 16 MiB of inline blobs.
    public static let defaultRowCacheCapacity = 10_000
    /// The default bound of the row cache's inline blobs, 16 MiB (the server stays well under 100 MB).
    public static let defaultRowCacheInlineBytes = 16 << 20

    /// Creates a configuration with defaults for everything but the data directory.
    public init(
        dataDirectory: String,
        region: String = "us-east-1",
        durability: Durability = .durable,
        segmentSize: Int = ObjectStoreConfiguration.defaultSegmentSize,
        maximumObjectSize: Int64 = 5 * 1024 * 1024 * 1024,
        ioThreads: Int = 16,
        bucketKeyTTL: Duration = ObjectStoreConfiguration.defaultBucketKeyTTL,
        bucketKeyMaxUses: Int = ObjectStoreConfiguration.defaultBucketKeyMaxUses,
        bucketKeyCacheCapacity: Int = ObjectStoreConfiguration.defaultBucketKeyCacheCapacity,
        minimumPartSize: Int64 = ObjectStoreConfiguration.defaultMinimumPartSize,
        multipartUploadExpiry: Duration = ObjectStoreConfiguration.defaultMultipartUploadExpiry,
        inlineThreshold: Int = ObjectStoreConfiguration.defaultInlineThreshold,
        rowCacheCapacity: Int = ObjectStoreConfiguration.defaultRowCacheCapacity,
        rowCacheInlineBytes: Int = ObjectStoreConfiguration.defaultRowCacheInlineBytes
    ) {
        self.dataDirectory = dataDirectory
        self.region = region
        self.durability = durability
        self.segmentSize = segmentSize
        self.maximumObjectSize = maximumObjectSize
        self.ioThreads = ioThreads
        self.bucketKeyTTL = bucketKeyTTL
        self.bucketKeyMaxUses = bucketKeyMaxUses
        self.bucketKeyCacheCapacity = bucketKeyCacheCapacity
        self.minimumPartSize = minimumPartSize
        self.multipartUploadExpiry = multipartUploadExpiry
        self.inlineThreshold = inlineThreshold
        self.rowCacheCapacity = rowCacheCapacity
        self.rowCacheInlineBytes = rowCacheInlineBytes
    }

    /// Internal hooks: a clock and a fault injection point for crash-safety tests.
    var clock: @Sendable () -> Date = { Date() }
    /// The monotonic clock that ages cached bucket keys; tests move it forward to expire them.
    var bucketKeyClock: @Sendable () -> ContinuousClock.Instant = { .now }
    /// Runs after a blob is durable under its final name and before its metadata commits (not for an inlined one).
    var afterBlobPublished: (@Sendable (ObjectID) async throws -> Void)?
    /// Runs at each step of CompleteMultipartUpload; throwing there simulates a crash at that step.
    var completeFault: (@Sendable (CompleteStep) throws -> Void)?
}

/// The steps of CompleteMultipartUpload at which ``ObjectStoreConfiguration/completeFault`` runs.
package enum CompleteStep: Sendable, Hashable, CaseIterable {
    /// The part list was validated against the stored parts; nothing written yet.
    case validated
    /// Inside the transaction: the object row and its part rows are written, the upload not yet deleted.
    case objectWritten
    /// Inside the transaction: the upload is deleted; the transaction has not committed.
    case uploadDeleted
    /// The transaction committed; replaced and unlisted blobs are not yet removed.
    case committed
}
