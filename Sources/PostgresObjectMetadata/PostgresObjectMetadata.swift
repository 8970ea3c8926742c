public import Logging
public import ObjectStore
import PostgresNIO
public import PostgresSupport

/// The object store's metadata (buckets, object rows, multipart uploads and parts, bucket keys) in one PostgreSQL
/// database that several Coffer nodes share, in schema `coffer_objects`.
///
/// It answers as the SQLite ``ObjectMetadataStore`` does (same rows, same byte order of keys, same errors), with two
/// differences that make several nodes correct:
/// - No row cache: GET and HEAD read the row from PostgreSQL, so a write acknowledged by one node is read by every
///   node right after, by construction.
/// - Each object commit is its own transaction, under a transaction-scoped advisory lock on its (bucket, key) and a
///   share lock on its bucket row: writes of one key are serialized across nodes, so of N concurrent
///   `If-None-Match: *` PUTs exactly one wins, and a bucket cannot be deleted under a commit.
///
/// A database that cannot be reached is ``ObjectStoreError/Kind/storageUnavailable`` (S3 503); the pool reconnects
/// on its own, so the store works again once PostgreSQL is back, without being reopened.
public final class PostgresObjectMetadata: Sendable {
    let database: PostgresBackend
    let logger: Logger
    /// Bucket rows and bucket access, kept coherent by ``BucketChangeFollower`` (``cached(_:_:read:)``).
    let bucketRows = BucketCache<BucketRow>()
    let bucketAccessRows = BucketCache<BucketAccess>()
    let caching = CacheSwitch()

    private init(database: PostgresBackend, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Applies the schema's missing migrations (safe when several nodes start at once) and returns the store.
    ///
    /// `database` must be running (its `run()` in the service group, or a task in tests).
    public static func open(database: PostgresBackend, logger: Logger) async throws
        -> PostgresObjectMetadata
    {
        let metadata = PostgresObjectMetadata(database: database, logger: logger)
        try await metadata.mappingUnavailable {
            try await database.prepareChangeLog()  // bucket changes are published there
            try await database.migrate(schema: schema, migrations)
        }
        return metadata
    }

    /// What ``ObjectStore/open(configuration:storeKey:dataKeyProvider:blobStorage:metadata:logger:)`` takes to keep its
    /// metadata here.
    public var backend: ObjectMetadataBackend { .shared(self) }

    /// The SSE-S3 store key every node uses: stores `sealedCandidate` (already sealed under the root key by the
    /// caller) if no key is stored yet, and returns the stored one, which the caller unseals.
    public func sharedStoreKey(sealedCandidate: [UInt8]) async throws -> [UInt8] {
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO coffer_objects.settings (name, value) VALUES ('store_key', \(PostgresColumns.bytes(sealedCandidate)))
                ON CONFLICT (name) DO NOTHING
                """, logger: self.logger)
            let rows = try await connection.query(
                "SELECT value FROM coffer_objects.settings WHERE name = 'store_key'", logger: self.logger)
            for try await (value) in rows.decode(ByteBuffer.self) { return Array(value.readableBytesView) }
            throw ObjectStoreError.internalError("The shared store key is missing")
        }
    }

    /// Runs `body` in one transaction (retried on serialization failures and deadlocks), with PostgreSQL's
    /// unavailability as the store's error.
    func transaction<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await mappingUnavailable { try await self.database.transaction(body) }
    }

    /// Runs `body` on one connection outside a transaction (single statements).
    func connection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await mappingUnavailable { try await self.database.withConnection(body) }
    }

    /// Turns ``PostgresUnavailable`` into `storageUnavailable` and other driver errors into `internalError`, keeping
    /// the store's own errors; logs each with the database's address (never its password) and no row content.
    func mappingUnavailable<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ObjectStoreError {
            throw error
        } catch let error as PostgresUnavailable {
            logger.error("object metadata database unavailable", metadata: ["error": "\(error)"])
            throw ObjectStoreError.metadataUnavailable()
        } catch let error as PSQLError {
            logger.error(
                "object metadata statement failed",
                metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "\(error.code)")"])
            throw ObjectStoreError.internalError(
                "Metadata database error: \(error.serverInfo?[.sqlState] ?? "\(error.code)")")
        }
    }
}
