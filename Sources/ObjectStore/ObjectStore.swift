public import Crypto
public import Logging
import NIOPosix

/// The object store domain: buckets, objects, encryption at rest, crash-safe commits.
///
/// Metadata lives in SQLite at `<data>/meta/meta.sqlite`, or in a database several nodes share
/// (``ObjectMetadataBackend``); object bytes live in per-object blob files under
/// `<data>/objects/`, sealed with AES-256-GCM (docs/storage-format.md), except that small objects keep the same
/// sealed blob in their metadata row (``ObjectStoreConfiguration/inlineThreshold``). Every object is encrypted: SSE-S3
/// with a data key wrapped under the store key, SSE-KMS with a data key from the ``DataKeyProvider``.
///
/// Open one store per data directory for the process lifetime and call ``shutdown()`` at exit.
/// Every method is safe to call concurrently.
public struct ObjectStore: Sendable {
    let configuration: ObjectStoreConfiguration
    let metadata: any ObjectMetadataStore
    /// Where the sealed blobs are (today the local files, ``files``).
    let blobs: any BlobStorage
    /// The data folder's files and the I/O thread pool.
    let files: BlobStore
    let committer: GroupCommitter
    let keyring: ObjectKeyring
    let counters: StoreCounters
    let logger: Logger

    /// Opens the store: creates directories, opens and migrates the metadata database, and sweeps
    /// orphaned temporary and blob files left by a crash.
    ///
    /// - Parameters:
    ///   - configuration: Paths and tuning.
    ///   - storeKey: The 256-bit SSE-S3 key that wraps SSE-S3 data keys; the caller keeps it sealed
    ///     under the root key at rest.
    ///   - dataKeyProvider: The key service for SSE-KMS.
    ///   - blobStorage: Where the sealed blobs go; nil for files under `<data>/objects`.
    ///   - metadata: Where buckets, object rows and uploads live: ``ObjectMetadataBackend/sqlite`` (the default,
    ///     `<data>/meta/meta.sqlite`) or a shared database such as `PostgresObjectMetadata`'s. The orphan sweep at
    ///     open stays safe over a shared database: local blob files are this node's alone, and blobs in a shared
    ///     bucket are swept only once older than its grace period (`S3BlobStorage`).
    ///   - logger: For start-up and background events; never receives key material.
    public static func open(
        configuration: ObjectStoreConfiguration,
        storeKey: SymmetricKey,
        dataKeyProvider: any DataKeyProvider,
        blobStorage: (any BlobStorage)? = nil,
        metadata: ObjectMetadataBackend = .sqlite,
        logger: Logger = Logger(label: "coffer.objectstore")
    ) async throws -> ObjectStore {
        guard storeKey.bitCount == 256 else { throw ObjectStoreError.internalError("The store key must be 256 bits") }
        guard BlobHeader.segmentSizeRange.contains(configuration.segmentSize) else {
            throw ObjectStoreError.internalError("Segment size out of range")
        }
        try BucketKeys.validate(configuration)
        let threadPool = NIOThreadPool(numberOfThreads: max(1, configuration.ioThreads))
        threadPool.start()
        do {
            let store = try await open(
                configuration, storeKey, dataKeyProvider, blobStorage, metadata, logger, threadPool)
            try await store.sweepOrphans()
            return store
        } catch {
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }

    private static func open(
        _ configuration: ObjectStoreConfiguration,
        _ storeKey: SymmetricKey,
        _ provider: any DataKeyProvider,
        _ blobStorage: (any BlobStorage)?,
        _ backend: ObjectMetadataBackend,
        _ logger: Logger,
        _ threadPool: NIOThreadPool
    ) async throws -> ObjectStore {
        let data = configuration.dataDirectory
        let blobs = BlobStore(
            root: data + "/objects", threadPool: threadPool, durability: configuration.durability, logger: logger)
        let metaDirectory = data + "/meta"
        try await blobs.io {
            try POSIX.makeDirectory(data)
            try POSIX.makeDirectory(metaDirectory)
        }
        try await blobs.prepareDirectories()
        let metadata =
            try backend.store
            ?? MetadataDatabase.open(
                path: metaDirectory + "/meta.sqlite",
                durability: configuration.durability,
                rowCache: ObjectRowCache(
                    capacity: configuration.rowCacheCapacity, inlineByteCapacity: configuration.rowCacheInlineBytes)
            )
        if configuration.durability == .durable {
            // The entries of `meta/` and `objects/`, and of the database's files, survive a power cut.
            try await blobs.io {
                try POSIX.fsyncDirectory(data)
                try POSIX.fsyncDirectory(metaDirectory)
            }
        }
        let counters = StoreCounters()
        return ObjectStore(
            configuration: configuration,
            metadata: metadata,
            blobs: blobStorage ?? blobs,
            files: blobs,
            committer: GroupCommitter(metadata: metadata, counters: counters),
            keyring: ObjectKeyring(
                storeKey: storeKey,
                provider: provider,
                bucketKeys: BucketKeys(provider: provider, metadata: metadata, configuration: configuration)
            ),
            counters: counters,
            logger: logger
        )
    }

    /// Stops the I/O threads and drops the cached bucket keys. Call once, after the last request; the store is
    /// unusable afterwards.
    public func shutdown() async throws {
        await keyring.bucketKeys.shutdown()
        try await files.threadPool.shutdownGracefully()
        try await metadata.close()
    }

    /// A snapshot of the bucket-key caches' counters and sizes, for metrics; cheap and never waits.
    public func bucketKeyCacheStats() -> BucketKeyCacheStats {
        keyring.bucketKeys.stats
    }

    /// Runs `body`, attaching the bucket and key to any ``ObjectStoreError`` it throws.
    func inContext<T>(bucket: String, key: String? = nil, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ObjectStoreError {
            throw error.at(bucket: bucket, key: key)
        }
    }
}
