package import Foundation
import Logging
import NIOCore
package import ObjectStore
import PostgresNIO

/// Object rows: commits, deletes and reads (always from PostgreSQL: there is no row cache).
extension PostgresObjectMetadata {
    /// Commits the rows in one transaction, each in its own savepoint, in order (as SQLite's group commit does: one
    /// WAL flush for the batch). The keys' locks are taken first, in byte order, so two nodes' batches cannot
    /// deadlock; a row's own failure (bucket gone, condition, constraint) rolls back only its savepoint.
    package func commitObjects(
        _ commits: [(row: ObjectRow, conditions: WriteConditions)]
    ) async throws -> [Result<[ObjectID], ObjectStoreError>] {
        let inserts = try commits.map { try PostgresColumns.insert(into: "objects", $0.row.portableValues) }
        let keys = Set(commits.map { KeyLock(bucket: $0.row.bucket, key: $0.row.key) }).sorted()
        return try await transaction { connection in
            for lock in keys { try await Self.lockKey(connection, lock, self.logger) }
            var results: [Result<[ObjectID], ObjectStoreError>] = []
            for (commit, insert) in zip(commits, inserts) {
                results.append(
                    try await self.inSavepoint(connection) {
                        try await Self.commitObject(connection, commit.row, commit.conditions, insert, self.logger)
                    })
            }
            return results
        }
    }

    private static func commitObject(
        _ connection: PostgresConnection, _ row: ObjectRow, _ conditions: WriteConditions, _ insert: PostgresQuery,
        _ logger: Logger
    ) async throws -> [ObjectID] {
        guard try await bucketRow(connection, row.bucket, logger, lock: "FOR KEY SHARE") != nil else {
            throw ObjectStoreError.noSuchBucket(row.bucket)
        }
        if !conditions.isEmpty {
            let etag = try await currentETag(connection, bucket: row.bucket, key: row.key, logger)
            try conditions.check(currentETag: etag.map { "\"\($0)\"" }, bucket: row.bucket, key: row.key)
        }
        let previous = try await deleteCurrentObject(connection, bucket: row.bucket, key: row.key, logger)
        try await connection.query(insert, logger: logger)
        return previous ?? []
    }

    /// Runs `body` in a savepoint: its ``ObjectStoreError`` or a statement PostgreSQL refused (a constraint) is the
    /// row's failure and undoes only its work; a lost connection, a serialization failure or a deadlock fails the
    /// whole transaction (which ``PostgresBackend/transaction(serializable:_:)`` retries).
    private func inSavepoint<T>(
        _ connection: PostgresConnection, _ body: () async throws -> T
    ) async throws -> Result<T, ObjectStoreError> {
        try await connection.query("SAVEPOINT row_commit", logger: logger)
        let result: Result<T, ObjectStoreError>
        do {
            result = .success(try await body())
        } catch let error as ObjectStoreError {
            result = .failure(error)
        } catch let error as PSQLError where error.code == .server {
            let state = error.serverInfo?[.sqlState] ?? ""
            guard !state.hasPrefix("40"), !state.hasPrefix("08"), !state.hasPrefix("57") else { throw error }
            result = .failure(.internalError("Metadata commit failed: SQLSTATE \(state)"))
        }
        if case .failure = result {
            try await connection.query("ROLLBACK TO SAVEPOINT row_commit", logger: logger)
        }
        try await connection.query("RELEASE SAVEPOINT row_commit", logger: logger)
        return result
    }

    package func deleteObjects(bucket: String, keys: [String]) async throws -> [[ObjectID]?] {
        try await transaction { connection in
            guard try await Self.bucketRow(connection, bucket, self.logger, lock: "FOR KEY SHARE") != nil else {
                throw ObjectStoreError.noSuchBucket(bucket)
            }
            // Locks in byte order, so two batches of overlapping keys cannot deadlock.
            for lock in Set(keys.map { KeyLock(bucket: bucket, key: $0) }).sorted() {
                try await Self.lockKey(connection, lock, self.logger)
            }
            var deleted: [[ObjectID]?] = []
            for key in keys {
                deleted.append(try await Self.deleteCurrentObject(connection, bucket: bucket, key: key, self.logger))
            }
            return deleted
        }
    }

    /// Reads the row with one statement: no row means no bucket, a row of NULLs means no key.
    package func object(bucket: String, key: String) async throws -> ObjectRow {
        let values = try await connection { connection in
            let rows = try await connection.query(
                """
                SELECT objects.* FROM coffer_objects.buckets
                LEFT JOIN coffer_objects.objects ON objects.bucket = buckets.name AND objects.key = \(key)
                WHERE buckets.name = \(bucket)
                """, logger: self.logger)
            var found: [String: ColumnValue]?
            for try await row in rows { found = try PostgresColumns.values(row) }
            return found
        }
        guard let values else { throw ObjectStoreError.noSuchBucket(bucket) }
        guard values["bucket"] != .null else { throw ObjectStoreError.noSuchKey(bucket, key) }
        return try ObjectRow(portableValues: values)
    }

    /// The same as ``object(bucket:key:)``: every read goes to PostgreSQL, so another node's write is seen at once.
    package func cachedObject(bucket: String, key: String) async throws -> ObjectRow {
        try await object(bucket: bucket, key: key)
    }

    package func objectWithParts(bucket: String, key: String, after marker: Int, limit: Int) async throws
        -> (ObjectRow, [PartRow])
    {
        // Parts of an object never change: an overwrite gives the key a new object id, so two reads are consistent.
        let row = try await object(bucket: bucket, key: key)
        guard row.partsCount != nil else { return (row, []) }
        let parts = try await partRows(
            """
            SELECT * FROM coffer_objects.object_parts
            WHERE object_id = \(PostgresColumns.bytes(row.objectId)) AND part_number > \(Int64(marker))
            ORDER BY part_number LIMIT \(Int64(limit))
            """)
        return (row, parts)
    }

    package func objectParts(_ objectId: Data, covering range: ClosedRange<Int64>?) async throws -> [PartRow] {
        let id = PostgresColumns.bytes(objectId)
        guard let range else {
            return try await partRows(
                "SELECT * FROM coffer_objects.object_parts WHERE object_id = \(id) ORDER BY part_number")
        }
        return try await partRows(
            """
            SELECT * FROM coffer_objects.object_parts
            WHERE object_id = \(id) AND "offset" <= \(range.upperBound) AND "offset" + size > \(range.lowerBound)
            ORDER BY part_number
            """)
    }

    package func objectPart(_ objectId: Data, ordinal: Int) async throws -> PartRow? {
        try await partRows(
            """
            SELECT * FROM coffer_objects.object_parts WHERE object_id = \(PostgresColumns.bytes(objectId))
            ORDER BY part_number LIMIT 1 OFFSET \(Int64(ordinal - 1))
            """
        ).first
    }

    package func objectIDs(firstByte: UInt8) async throws -> Set<ObjectID> {
        let low = PostgresColumns.bytes([firstByte] + [UInt8](repeating: 0, count: 15))
        let high = PostgresColumns.bytes([firstByte &+ 1] + [UInt8](repeating: 0, count: 15))
        let last = firstByte == 255
        return try await connection { connection in
            var ids: Set<ObjectID> = []
            for (table, column) in [("objects", "object_id"), ("object_parts", "blob_id"), ("upload_parts", "blob_id")]
            {
                let bounded: PostgresQuery =
                    last
                    ? "SELECT \(unescaped: column) FROM coffer_objects.\(unescaped: table) WHERE \(unescaped: column) >= \(low)"
                    : "SELECT \(unescaped: column) FROM coffer_objects.\(unescaped: table) WHERE \(unescaped: column) >= \(low) AND \(unescaped: column) < \(high)"
                ids.formUnion(try await Self.objectIDs(try await connection.query(bounded, logger: self.logger)))
            }
            return ids
        }
    }

    /// The part rows a query selects (`SELECT *` of a parts table).
    func partRows(_ query: PostgresQuery) async throws -> [PartRow] {
        try await connection { connection in
            try await PostgresColumns.decode(PartRow.self, try await connection.query(query, logger: self.logger))
        }
    }

    /// Takes the transaction-scoped lock of one key: every writer of the key takes it first, on every node.
    static func lockKey(_ connection: PostgresConnection, _ lock: KeyLock, _ logger: Logger) async throws {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\(lock.bucket) || '/' || \(lock.key), 0))", logger: logger)
    }

    /// The key's current ETag (unquoted), or nil.
    static func currentETag(
        _ connection: PostgresConnection, bucket: String, key: String, _ logger: Logger
    ) async throws -> String? {
        let rows = try await connection.query(
            "SELECT etag FROM coffer_objects.objects WHERE bucket = \(bucket) AND key = \(key)", logger: logger)
        for try await (etag) in rows.decode(String.self) { return etag }
        return nil
    }

    /// Deletes the key's object row and its part rows; returns the blob ids to remove (none for an inline object),
    /// or nil when the key had no object.
    static func deleteCurrentObject(
        _ connection: PostgresConnection, bucket: String, key: String, _ logger: Logger
    ) async throws -> [ObjectID]? {
        let rows = try await connection.query(
            """
            DELETE FROM coffer_objects.objects WHERE bucket = \(bucket) AND key = \(key)
            RETURNING object_id, parts_count IS NOT NULL, inline_blob IS NOT NULL
            """, logger: logger)
        var deleted: (id: ByteBuffer, multipart: Bool, inline: Bool)?
        for try await row in rows.decode((ByteBuffer, Bool, Bool).self) { deleted = row }
        guard let deleted else { return nil }
        if deleted.multipart {
            return try await objectIDs(
                try await connection.query(
                    "DELETE FROM coffer_objects.object_parts WHERE object_id = \(deleted.id) RETURNING blob_id",
                    logger: logger))
        }
        if deleted.inline { return [] }
        return ObjectID(bytes: deleted.id.readableBytesView).map { [$0] } ?? []
    }
}

/// A key to lock; several are locked in byte order of (bucket, key), the same order on every node.
struct KeyLock: Hashable, Comparable {
    var bucket: String
    var key: String

    static func < (lhs: KeyLock, rhs: KeyLock) -> Bool {
        if lhs.bucket != rhs.bucket { return lhs.bucket.utf8.lexicographicallyPrecedes(rhs.bucket.utf8) }
        return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
    }
}
