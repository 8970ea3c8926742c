import Foundation
import GRDB
import Synchronization

/// The SQLite database as the key service's storage: writes run on GRDB's serial writer (one process writes), each
/// in one transaction committed with `synchronous = FULL`, and the new store is published before the writer takes
/// the next write.
extension KMSDatabase: KeyStorage {
    var location: String { "the SQLite database at \(path ?? ":memory:")" }

    func load() async throws -> KeyStorageSnapshot { try snapshot() }

    func write<T: Sendable>(
        isCurrent: @escaping @Sendable (Int64) -> Bool,
        _ body: @escaping @Sendable (KeyStoreRows?) throws -> KeyStorageWrite<T>
    ) async throws -> T {
        try await writer.writeWithoutTransaction { db in
            let stored = self.version.withLock { $0 }
            let rows = isCurrent(stored) ? nil : try Self.rows(db)
            var outcome: KeyStorageWrite<T>?
            try db.inTransaction {
                let write = try body(rows)
                for change in write.changes { try Self.apply(change, in: db) }
                outcome = write
                return .commit
            }
            guard let outcome else { throw KeyStoreLoadError(description: "the write ended without an outcome") }
            let version = outcome.changes.isEmpty ? stored : stored + 1
            self.version.withLock { $0 = version }
            outcome.published(version)
            return outcome.value
        }
    }

    /// One node only: the material itself is the check (it does not load under another root key).
    func rootKeyCheck(candidate: [UInt8]) async throws -> [UInt8] { candidate }

    /// No other process writes this database.
    func followChanges(_ handle: @escaping @Sendable (KeyStorageChange) async -> Void) async {}

    /// The SQLite result code and the database's path; SQLite reports a full disk (`ENOSPC`) as `SQLITE_FULL` and
    /// keeps no errno for it.
    func failure(_ error: any Error) -> KeyStorageFailure {
        guard let error = error as? DatabaseError else { return KeyStorageFailure(metadata: [:]) }
        var metadata = ["sqlite_code": "\(error.extendedResultCode.rawValue)", "path": path ?? ":memory:"]
        let full = error.resultCode == .SQLITE_FULL
        if full { metadata["errno"] = "\(ENOSPC) (ENOSPC)" }
        return KeyStorageFailure(metadata: metadata, isFull: full)
    }
}
