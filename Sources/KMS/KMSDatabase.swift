import Foundation
import GRDB
import Synchronization

/// The key service's SQLite database: keys, sealed material versions, aliases, rotations, tags, policies and
/// grants.
///
/// One `DatabasePool` (WAL) per file for the process lifetime, or an in-memory `DatabaseQueue` for tests.
/// The files are created with mode 0600 (SQLite gives the `-wal` and `-shm` files the database's mode).
/// The database is this process's alone, so the version of its rows (see ``KeyStorage``) is a counter in memory.
final class KMSDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The file, nil for an in-memory database.
    let path: String?
    /// The number of writes with changes since the database was opened.
    let version = Mutex<Int64>(0)

    private init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating if needed) the database at `path`, or an in-memory one when `path` is nil, and
    /// migrates it.
    static func open(path: String?) throws -> KMSDatabase {
        var configuration = Configuration()
        configuration.label = "coffer.kms"
        configuration.busyMode = .timeout(5)
        let writer: any DatabaseWriter
        if let path {
            try prepareFile(at: path)
            let pool = try DatabasePool(path: path, configuration: configuration)
            // Every change is acknowledged only once durable: each commit fsyncs the WAL. Set after the pool
            // exists, as GRDB's WAL set-up resets the writer to NORMAL after `prepareDatabase` (MetadataDatabase).
            try pool.barrierWriteWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            writer = pool
            for suffix in ["", "-wal", "-shm"] { SecureFile.restrictToOwner(path + suffix) }
            let directory = (path as NSString).deletingLastPathComponent
            try SecureFile.syncDirectory(atPath: directory.isEmpty ? "." : directory)  // the -wal file's entry
        } else {
            writer = try DatabaseQueue(configuration: configuration)
        }
        try migrator.migrate(writer)
        return KMSDatabase(writer: writer, path: path)
    }

    /// The writer connection's `PRAGMA synchronous` (2 is FULL), for tests.
    func writerSynchronous() async throws -> Int {
        try await writer.barrierWriteWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Creates the parent directory (0700) and an empty database file (0600) if they do not exist.
    private static func prepareFile(at path: String) throws {
        try SecureFile.createDirectory(atPath: (path as NSString).deletingLastPathComponent)
        if !FileManager.default.fileExists(atPath: path) {
            try SecureFile.create(atPath: path, contents: [])
        }
    }

    /// The named, append-only migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 keys, material, aliases, rotations, tags, policies") { db in
            try db.execute(sql: schemaV1)
        }
        migrator.registerMigration("v2 grants") { db in
            try db.execute(sql: schemaV2)
        }
        return migrator
    }

    /// Grants: one row per grant, its operations as a comma-separated list in the order given, its constraint as
    /// the JSON object of its encryption context.
    private static let schemaV2 = """
        CREATE TABLE kms_grant (
            grant_id TEXT PRIMARY KEY NOT NULL CHECK (length(grant_id) = 64),
            key_id TEXT NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
            grant_token TEXT NOT NULL UNIQUE,
            name TEXT,
            creation_date REAL NOT NULL,
            grantee_principal TEXT NOT NULL,
            retiring_principal TEXT,
            issuing_account TEXT NOT NULL,
            operations TEXT NOT NULL CHECK (length(operations) > 0),
            constraint_kind TEXT CHECK (constraint_kind IN ('EncryptionContextSubset', 'EncryptionContextEquals')),
            constraint_context TEXT,
            CHECK ((constraint_kind IS NULL) = (constraint_context IS NULL))
        );
        CREATE INDEX kms_grant_key ON kms_grant (key_id);
        """

    private static let schemaV1 = """
        CREATE TABLE kms_key (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
            creation_date REAL NOT NULL,
            description TEXT NOT NULL,
            key_spec TEXT NOT NULL,
            key_usage TEXT NOT NULL,
            key_manager TEXT NOT NULL CHECK (key_manager IN ('AWS', 'CUSTOMER')),
            origin TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('Enabled', 'Disabled', 'PendingDeletion')),
            deletion_date REAL,
            pending_window_days INTEGER CHECK (pending_window_days BETWEEN 7 AND 30),
            rotation_enabled INTEGER NOT NULL CHECK (rotation_enabled IN (0, 1)),
            rotation_period_days INTEGER NOT NULL CHECK (rotation_period_days BETWEEN 90 AND 2560),
            rotation_anchor REAL,
            on_demand_rotations INTEGER NOT NULL CHECK (on_demand_rotations BETWEEN 0 AND 25),
            current_material_id TEXT NOT NULL,
            CHECK ((state = 'PendingDeletion') = (deletion_date IS NOT NULL AND pending_window_days IS NOT NULL)),
            FOREIGN KEY (id, current_material_id) REFERENCES kms_key_material (key_id, material_id)
                DEFERRABLE INITIALLY DEFERRED
        );
        CREATE TABLE kms_key_material (
            material_id TEXT PRIMARY KEY NOT NULL CHECK (length(material_id) = 64),
            key_id TEXT NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
            key_type TEXT NOT NULL,
            sealed BLOB NOT NULL,
            creation_date REAL NOT NULL,
            UNIQUE (key_id, material_id)
        );
        CREATE TABLE kms_rotation (
            material_id TEXT PRIMARY KEY NOT NULL,
            key_id TEXT NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
            rotation_date REAL NOT NULL,
            rotation_type TEXT NOT NULL CHECK (rotation_type IN ('AUTOMATIC', 'ON_DEMAND')),
            FOREIGN KEY (key_id, material_id) REFERENCES kms_key_material (key_id, material_id) ON DELETE CASCADE
        );
        CREATE INDEX kms_rotation_key ON kms_rotation (key_id, rotation_date);
        CREATE TABLE kms_alias (
            name TEXT PRIMARY KEY NOT NULL CHECK (name LIKE 'alias/%'),
            key_id TEXT NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
            creation_date REAL NOT NULL,
            last_updated_date REAL NOT NULL
        );
        CREATE INDEX kms_alias_key ON kms_alias (key_id);
        CREATE TABLE kms_tag (
            key_id TEXT NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            tag_key TEXT NOT NULL,
            tag_value TEXT NOT NULL,
            PRIMARY KEY (key_id, tag_key),
            UNIQUE (key_id, position)
        );
        CREATE TABLE kms_key_policy (
            key_id TEXT NOT NULL REFERENCES kms_key (id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (name = 'default'),
            document TEXT NOT NULL,
            PRIMARY KEY (key_id, name)
        );
        """
}
