/// Where the key service persists its rows: SQLite on one node (`KMSDatabase`), PostgreSQL shared by several
/// (`PostgresKeyStore`).
///
/// A storage holds rows and a `version` that every write with changes bumps by one. Writes are serialized across
/// every process that shares the storage; inside that turn the storage tells the writer whether its in-memory store
/// is still the stored state (`isCurrent(version)`) and, if it is not (another node wrote), hands it every row so it
/// validates against what is stored. The key service assembles rows into keys; a storage never sees material
/// unsealed.
package protocol KeyStorage: Sendable {
    /// Where the storage is, for messages and logs (never a password).
    var location: String { get }

    /// Every row and the version they are at, read consistently.
    func load() async throws -> KeyStorageSnapshot

    /// Runs one write in the storage's serialized turn: reads the stored version `v`; when `isCurrent(v)` is false,
    /// reads every row for `body`, else passes nil; applies the changes `body` returns and, if there are any, bumps
    /// the version, all in one transaction; then calls the returned `published` with the version now stored.
    /// Returns `body`'s value. `body` may run again if the transaction is retried, so it must not have effects of its
    /// own beyond its result.
    func write<T: Sendable>(
        isCurrent: @escaping @Sendable (Int64) -> Bool,
        _ body: @escaping @Sendable (KeyStoreRows?) throws -> KeyStorageWrite<T>
    ) async throws -> T

    /// Stores `candidate` (a value sealed under the caller's root key) if no check value is stored yet and returns
    /// the one stored, so a node can tell whether its root key is the one the stored material was sealed with.
    func rootKeyCheck(candidate: [UInt8]) async throws -> [UInt8]

    /// Calls `handle` whenever other processes may have changed the rows, until the task is cancelled; returns at
    /// once for a storage no other process writes.
    func followChanges(_ handle: @escaping @Sendable (KeyStorageChange) async -> Void) async

    /// What may be logged about a failed storage call (no values, no secrets), and whether it means the disk is full.
    func failure(_ error: any Error) -> KeyStorageFailure
}

/// The rows of a storage and the version they are at.
package struct KeyStorageSnapshot: Sendable {
    package var rows: KeyStoreRows
    package var version: Int64

    package init(rows: KeyStoreRows, version: Int64) {
        self.rows = rows
        self.version = version
    }
}

/// What one write decided: its row changes, its result, and what to do once they are stored.
package struct KeyStorageWrite<T: Sendable>: Sendable {
    package var changes: [KeyRowChange]
    package var value: T
    /// Called once the changes are committed, with the version stored (publishes the writer's new store).
    package var published: @Sendable (Int64) -> Void

    package init(changes: [KeyRowChange], value: T, published: @escaping @Sendable (Int64) -> Void) {
        self.changes = changes
        self.value = value
        self.published = published
    }
}

/// What a follower of a storage learns.
package enum KeyStorageChange: Sendable, Equatable {
    /// Writes committed these versions.
    case committed([Int64])
    /// Changes may have been missed (first connection, reconnection): reload.
    case reset
}

/// A storage failure, described for a log line.
package struct KeyStorageFailure: Sendable {
    package var metadata: [String: String]
    /// True when the storage's disk is full (the write fails as `insufficientStorage`).
    package var isFull: Bool

    package init(metadata: [String: String], isFull: Bool = false) {
        self.metadata = metadata
        self.isFull = isFull
    }
}

/// Where the key service keeps its keys, for ``KeyManagementService/open(configuration:clock:metricsFactory:auditSink:keyStorage:)``:
/// made by a storage target (`PostgresKeyStore.backend`); nil there means the SQLite file at
/// `KMSConfiguration.databasePath`.
public struct KeyStorageBackend: Sendable {
    package let storage: any KeyStorage

    /// Wraps a storage.
    package init(_ storage: any KeyStorage) { self.storage = storage }
}
