import Foundation
import GRDB

extension MetadataDatabase {
    /// Commits new object versions in one transaction, each in its own savepoint (group commit).
    ///
    /// Each row replaces the key's previous row. The result for each row, in order, is the replaced
    /// object id (whose blob the caller deletes after this returns) or the row's own error (e.g. the
    /// bucket was deleted meanwhile), which leaves the other rows unaffected.
    func commitObjects(_ rows: [ObjectRow]) async throws -> [Result<ObjectID?, ObjectStoreError>] {
        try await pool.write { db in
            rows.map { row in Self.commitObject(db, row) }
        }
    }

    private static func commitObject(_ db: Database, _ row: ObjectRow) -> Result<ObjectID?, ObjectStoreError> {
        do {
            var previous: ObjectID?
            try db.inSavepoint {
                guard try Self.bucketExists(db, name: row.bucket) else {
                    throw ObjectStoreError.noSuchBucket(row.bucket)
                }
                previous = try Self.currentObjectID(db, bucket: row.bucket, key: row.key)
                try row.insert(db, onConflict: .replace)
                return .commit
            }
            return .success(previous)
        } catch let error as ObjectStoreError {
            return .failure(error)
        } catch {
            return .failure(.internalError("Metadata commit failed: \(error)"))
        }
    }

    /// Deletes one key's row, returning the deleted object id (nil if there was none).
    func deleteObject(bucket: String, key: String) async throws -> ObjectID? {
        try await deleteObjects(bucket: bucket, keys: [key])[0]
    }

    /// Deletes the rows of several keys in one transaction, returning the deleted object ids in order.
    func deleteObjects(bucket: String, keys: [String]) async throws -> [ObjectID?] {
        try await pool.write { db in
            guard try BucketRow.exists(db, key: bucket) else { throw ObjectStoreError.noSuchBucket(bucket) }
            return try keys.map { key in
                let id = try Self.currentObjectID(db, bucket: bucket, key: key)
                if id != nil {
                    try db.execute(sql: "DELETE FROM objects WHERE bucket = ? AND key = ?", arguments: [bucket, key])
                }
                return id
            }
        }
    }

    /// The key's row; `noSuchBucket` or `noSuchKey` when absent.
    func object(bucket: String, key: String) async throws -> ObjectRow {
        let row = try await pool.read { db -> ObjectRow? in
            let row = try Self.objectRow(db, bucket: bucket, key: key)
            if row == nil, try !Self.bucketExists(db, name: bucket) { throw ObjectStoreError.noSuchBucket(bucket) }
            return row
        }
        guard let row else { throw ObjectStoreError.noSuchKey(bucket, key) }
        return row
    }

    /// The ids of all committed objects whose first id byte is `firstByte` (one fan-out directory).
    func objectIDs(firstByte: UInt8) async throws -> Set<ObjectID> {
        let low = Data([firstByte] + [UInt8](repeating: 0, count: 15))
        return try await pool.read { db in
            let sql =
                firstByte == 255
                ? "SELECT object_id FROM objects WHERE object_id >= ?"
                : "SELECT object_id FROM objects WHERE object_id >= ? AND object_id < ?"
            let high = Data([firstByte &+ 1] + [UInt8](repeating: 0, count: 15))
            let arguments: StatementArguments = firstByte == 255 ? [low] : [low, high]
            let ids = try Data.fetchAll(db, sql: sql, arguments: arguments)
            return Set(ids.compactMap { ObjectID(bytes: $0) })
        }
    }
}
