import Foundation
import GRDB

extension MetadataDatabase {
    /// Commits new object versions in one transaction, each in its own savepoint (group commit).
    ///
    /// Each row replaces the key's previous row, if its write conditions hold against that row. The result for
    /// each row, in order, is the replaced
    /// object's blob ids (one, or its parts' for a multipart object; the caller deletes them after this returns) or the
    /// row's own error (e.g. the bucket was deleted meanwhile, a condition failed), which leaves the other rows
    /// unaffected.
    func commitObjects(
        _ commits: [(row: ObjectRow, conditions: WriteConditions)]
    ) async throws -> [Result<[ObjectID], ObjectStoreError>] {
        try await write(changing: commits.map { ObjectRowCache.Key(bucket: $0.row.bucket, key: $0.row.key) }) { db in
            try commits.map { commit in try Self.commitObject(db, commit.row, commit.conditions) }
        }
    }

    private static func commitObject(
        _ db: Database, _ row: ObjectRow, _ conditions: WriteConditions
    ) throws -> Result<[ObjectID], ObjectStoreError> {
        do {
            var previous: [ObjectID] = []
            try db.inSavepoint {
                guard try Self.bucketExists(db, name: row.bucket) else {
                    throw ObjectStoreError.noSuchBucket(row.bucket)
                }
                if !conditions.isEmpty {
                    let etag = try String.fetchOne(
                        db, sql: "SELECT etag FROM objects WHERE bucket = ? AND key = ?",
                        arguments: [row.bucket, row.key])
                    try conditions.check(currentETag: etag.map { "\"\($0)\"" }, bucket: row.bucket, key: row.key)
                }
                previous = try Self.deleteCurrentObject(db, bucket: row.bucket, key: row.key) ?? []
                try row.insert(cachedIn: db)
                return .commit
            }
            return .success(previous)
        } catch let error as ObjectStoreError {
            return .failure(error)
        } catch let error as DatabaseError where StorageFailure.isDiskFailure(error) {
            throw error  // the disk fails the whole batch; `write` logs it with the database's path
        } catch {
            return .failure(.internalError("Metadata commit failed: \(error)"))
        }
    }

    /// Deletes the rows of several keys in one transaction, returning for each key in order the deleted
    /// object's blob ids (its parts' for a multipart object), or nil if there was no object.
    func deleteObjects(bucket: String, keys: [String]) async throws -> [[ObjectID]?] {
        try await write(changing: keys.map { ObjectRowCache.Key(bucket: bucket, key: $0) }) { db in
            guard try BucketRow.exists(db, key: bucket) else { throw ObjectStoreError.noSuchBucket(bucket) }
            return try keys.map { key in try Self.deleteCurrentObject(db, bucket: bucket, key: key) }
        }
    }

    /// The key's row; `noSuchBucket` or `noSuchKey` when absent.
    func object(bucket: String, key: String) async throws -> ObjectRow {
        try await pool.read { db in try Self.object(db, bucket: bucket, key: key) }
    }

    /// The key's row, from the row cache when it holds it (``ObjectRowCache`` explains why that is never stale
    /// after a write is acknowledged); `noSuchBucket` or `noSuchKey` when absent. For GET and HEAD.
    func cachedObject(bucket: String, key: String) async throws -> ObjectRow {
        if let row = rowCache.row(bucket: bucket, key: key) { return row }
        let generation = rowCache.generation
        let row = try await object(bucket: bucket, key: key)
        rowCache.store(row, readAt: generation)
        return row
    }

    /// The object's row, read in `db`; throws `noSuchBucket` or `noSuchKey`.
    static func object(_ db: Database, bucket: String, key: String) throws -> ObjectRow {
        let row = try Self.objectRow(db, bucket: bucket, key: key)
        if row == nil, try !Self.bucketExists(db, name: bucket) { throw ObjectStoreError.noSuchBucket(bucket) }
        guard let row else { throw ObjectStoreError.noSuchKey(bucket, key) }
        return row
    }

    /// The ids of all live blobs whose first id byte is `firstByte` (one fan-out directory): single-blob
    /// objects, the parts of multipart objects, and the parts of uploads in progress.
    func objectIDs(firstByte: UInt8) async throws -> Set<ObjectID> {
        let low = Data([firstByte] + [UInt8](repeating: 0, count: 15))
        let high = Data([firstByte &+ 1] + [UInt8](repeating: 0, count: 15))
        let last = firstByte == 255
        return try await pool.read { db in
            var ids: Set<ObjectID> = []
            for (table, column) in [("objects", "object_id"), ("object_parts", "blob_id"), ("upload_parts", "blob_id")]
            {
                let sql =
                    "SELECT \(column) FROM \(table) WHERE \(column) >= ?" + (last ? "" : " AND \(column) < ?")
                let arguments: StatementArguments = last ? [low] : [low, high]
                ids.formUnion(try Data.fetchAll(db, sql: sql, arguments: arguments).compactMap { ObjectID(bytes: $0) })
            }
            return ids
        }
    }
}
