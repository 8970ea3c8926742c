import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The object metadata database, `<data>/meta/meta.sqlite`: one `DatabasePool` (WAL) for the process.
///
/// Every write is one intent-named transaction method (`createBucket`, `commitObjects`, ...), in
/// `MetadataDatabase+Buckets.swift` and `MetadataDatabase+Objects.swift`, and goes through ``write(_:)`` or
/// ``write(changing:_:)``, which drop from the row cache of GET and HEAD (``ObjectRowCache``) the rows the transaction
/// may have changed before they return. Never write through `pool` directly.
struct MetadataDatabase: Sendable {
    let pool: DatabasePool
    let rowCache: ObjectRowCache
    /// Each bucket's policy and Block Public Access settings, read on every request.
    let accessCache = BucketCache<BucketAccess>()

    /// Runs `updates` in a write transaction, then empties the row cache, whether or not the transaction committed.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        defer { rowCache.invalidateAll() }
        return try await mappingStorageFailures { try await pool.write(updates) }
    }

    /// Runs `updates`, which changes no object row but those of `objects`, in a write transaction; then drops those
    /// objects' cached rows, whether or not the transaction committed.
    func write<T: Sendable>(
        changing objects: [ObjectRowCache.Key], _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        defer { rowCache.invalidate(objects) }
        return try await mappingStorageFailures { try await pool.write(updates) }
    }

    /// Runs `body`, logging a failure of the disk with the database's path and turning it into the store's error.
    private func mappingStorageFailures<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw StorageFailure.database(error, path: pool.path, logger: StorageFailure.metadataLogger) ?? error
        }
    }

    /// Opens (creating if needed) the database and runs the migrations.
    ///
    /// Durable mode uses `synchronous=FULL` on the writer: in WAL mode each commit fsyncs the WAL before it
    /// returns, so a committed row survives power loss; group commit amortizes that fsync over many objects.
    /// Relaxed mode uses `NORMAL`, which keeps the database consistent but may lose the last commits on power loss.
    static func open(path: String, durability: Durability, rowCache: ObjectRowCache) throws -> MetadataDatabase {
        try createPrivateFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        let pool = try DatabasePool(path: path, configuration: configuration)
        // After the pool exists: GRDB 7.10's `DatabasePool.init` sets `synchronous = NORMAL` on the writer when it
        // turns WAL on, after `prepareDatabase`, so a level set there is lost. Only the writer commits; it lives as
        // long as the pool, so readers' level does not matter.
        let synchronous = durability == .durable ? "FULL" : "NORMAL"
        try pool.barrierWriteWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = \(synchronous)") }
        try migrator.migrate(pool)
        return MetadataDatabase(pool: pool, rowCache: rowCache)
    }

    /// The writer connection's `PRAGMA synchronous` (2 is FULL, 1 NORMAL), for tests.
    func writerSynchronous() async throws -> Int {
        try await pool.barrierWriteWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Creates the file 0600 before SQLite does, so SQLite gives its WAL and shm files the same mode.
    private static func createPrivateFile(_ path: String) throws {
        let fd = systemOpen(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ObjectStoreError.internalError("Cannot create metadata database (errno \(errno))")
        }
        systemClose(fd)
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) { _ = close(fd) }
