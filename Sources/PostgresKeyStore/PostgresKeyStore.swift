import Foundation
public import KMS
public import Logging
import PostgresNIO
public import PostgresSupport

/// The key service's rows in PostgreSQL (schema `coffer_kms`), shared by every node of a deployment.
///
/// Cross-node correctness: every write takes one transaction-scoped advisory lock, so writes of all nodes are
/// serialized; inside it, the write reads the stored `version` and, when it is not the version of the node's
/// in-memory store, reads every row so the key service validates against what is stored (another node's CreateAlias
/// of the same name is then seen, and refused). The write applies its row changes, bumps the version and appends it
/// to the change log (channel `coffer_kms`) in the same transaction; other nodes follow the log (`followChanges`)
/// and reload. Loads take the same lock shared, so they read one committed version. Material is stored sealed under
/// the root key, as in SQLite; a check value sealed under the first node's root key keeps nodes with another root key
/// from starting.
public final class PostgresKeyStore: Sendable {
    let database: PostgresBackend
    let logger: Logger
    /// The schema of the tables.
    static let schema = "coffer_kms"
    /// The change-log channel every write publishes its new version to.
    static let channel = "coffer_kms"
    /// The advisory lock key of the writes (taken exclusive) and loads (taken shared).
    static let lockName = "coffer-kms:writes"

    private init(database: PostgresBackend, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Creates the schema (or applies its missing migrations) and the change log; `database` must be running.
    public static func open(database: PostgresBackend, logger: Logger) async throws -> PostgresKeyStore {
        try await database.prepareChangeLog()
        try await database.migrate(schema: schema, migrations)
        return PostgresKeyStore(database: database, logger: logger)
    }

    /// This store, for `KeyManagementService.open(configuration:clock:metricsFactory:auditSink:keyStorage:)`.
    public var backend: KeyStorageBackend { KeyStorageBackend(self) }
}

extension PostgresKeyStore: KeyStorage {
    package var location: String { "PostgreSQL at \(database.location)" }

    package func load() async throws -> KeyStorageSnapshot {
        try await database.transaction { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock_shared(hashtext(\(Self.lockName)))", logger: self.logger)
            let version = try await self.version(on: connection)
            return KeyStorageSnapshot(rows: try await self.rows(on: connection), version: version)
        }
    }

    package func write<T: Sendable>(
        isCurrent: @escaping @Sendable (Int64) -> Bool,
        _ body: @escaping @Sendable (KeyStoreRows?) throws -> KeyStorageWrite<T>
    ) async throws -> T {
        let (write, version) = try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(Self.lockName)))", logger: self.logger)
            let stored = try await self.version(on: connection)
            let rows = isCurrent(stored) ? nil : try await self.rows(on: connection)
            let write = try body(rows)
            guard !write.changes.isEmpty else { return (write, stored) }
            for change in write.changes { try await self.apply(change, on: connection) }
            let next = stored + 1
            try await connection.query("UPDATE coffer_kms.kms_state SET version = \(next)", logger: self.logger)
            try await PostgresChangeLog.publish(
                channel: Self.channel, payload: String(next), on: connection, logger: self.logger)
            return (write, next)
        }
        write.published(version)
        return write.value
    }

    package func rootKeyCheck(candidate: [UInt8]) async throws -> [UInt8] {
        try await database.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(Self.lockName)))", logger: self.logger)
            let rows = try await connection.query(
                "SELECT root_key_check FROM coffer_kms.kms_state", logger: self.logger)
            for try await stored in rows.decode(Data?.self) {
                if let stored { return Array(stored) }
            }
            try await connection.query(
                "UPDATE coffer_kms.kms_state SET root_key_check = \(Data(candidate))", logger: self.logger)
            return candidate
        }
    }

    package func followChanges(_ handle: @escaping @Sendable (KeyStorageChange) async -> Void) async {
        await database.follow(channel: Self.channel) { change in
            switch change {
            case .reset: await handle(.reset)
            case .changed(let payloads): await handle(.committed(payloads.compactMap { Int64($0) }))
            }
        }
    }

    /// The database's location (never its password) and why it failed: unreachable, or the statement's SQLSTATE.
    package func failure(_ error: any Error) -> KeyStorageFailure {
        var metadata = ["postgres": "\(database.location)"]
        if let error = error as? PostgresUnavailable {
            metadata["reason"] = error.reason
        } else if let error = error as? PSQLError {
            metadata["psql_code"] = "\(error.code)"
            metadata["sqlstate"] = error.serverInfo?[.sqlState]
        }
        // 53100: disk_full.
        return KeyStorageFailure(metadata: metadata, isFull: metadata["sqlstate"] == "53100")
    }

    private func version(on connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query("SELECT version FROM coffer_kms.kms_state", logger: logger)
        for try await version in rows.decode(Int64.self) { return version }
        throw PostgresKeyStoreError(description: "coffer_kms.kms_state has no row")
    }
}

/// The stored state is not what the key store wrote (a missing or malformed row).
struct PostgresKeyStoreError: Error, CustomStringConvertible {
    let description: String
}
