package import Foundation
import Logging
import NIOCore
package import ObjectStore
import PostgresNIO

/// Object rows: commits, deletes and reads (always from PostgreSQL: there is no row cache).
extension PostgresObjectMetadata {
    /// Commits the rows with `coffer_objects.replace_objects` (``commitFunctions``).
    ///
    /// A batch without conditions is one statement, in its own transaction (one WAL flush, as SQLite's group commit
    /// shares one). Rows run in byte order of their (bucket, key), stable for rows of one key, so every node takes the
    /// keys' locks in the same order and two batches cannot deadlock. A row whose bucket is gone writes nothing and
    /// fails alone. A statement PostgreSQL refuses (a constraint) aborts the whole batch: its rows are then committed
    /// one by one, so only the row at fault fails. Conditional rows (rare) check the key's current ETag under its lock,
    /// in one transaction for the batch.
    package func commitObjects(
        _ commits: [(row: ObjectRow, conditions: WriteConditions)]
    ) async throws -> [Result<[ObjectID], ObjectStoreError>] {
        let order = commits.indices.sorted {
            let (left, right) = (KeyLock(commits[$0].row), KeyLock(commits[$1].row))
            return left < right || (left == right && $0 < $1)
        }
        let rows = try order.map {
            (commit: commits[$0], json: PostgresColumns.json(try commits[$0].row.portableValues))
        }
        var results = [Result<[ObjectID], ObjectStoreError>?](repeating: nil, count: commits.count)
        for (index, result) in zip(order, try await commitSorted(rows)) { results[index] = result }
        return results.map { $0! }
    }

    private typealias SortedRow = (commit: (row: ObjectRow, conditions: WriteConditions), json: String)

    /// Commits rows already in lock order; answers in the same order.
    private func commitSorted(_ rows: [SortedRow]) async throws -> [Result<[ObjectID], ObjectStoreError>] {
        guard rows.allSatisfy({ $0.commit.conditions.isEmpty }) else {
            return try await transaction { connection in
                var results: [Result<[ObjectID], ObjectStoreError>] = []
                for row in rows {
                    results.append(try await Self.commitConditionally(connection, row.commit, row.json, self.logger))
                }
                return results
            }
        }
        do {
            return try await connection { try await Self.replaceObjects($0, rows, self.logger) }
        } catch let error as ObjectStoreError where rows.count > 1 && error.kind == .internalError {
            var results: [Result<[ObjectID], ObjectStoreError>] = []
            for row in rows {
                do {
                    results.append(contentsOf: try await commitSorted([row]))
                } catch let error as ObjectStoreError where error.kind == .internalError {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// Takes the key's lock, checks the row's conditions against its current object, and replaces it if they hold.
    private static func commitConditionally(
        _ connection: PostgresConnection, _ commit: (row: ObjectRow, conditions: WriteConditions), _ json: String,
        _ logger: Logger
    ) async throws -> Result<[ObjectID], ObjectStoreError> {
        let row = commit.row
        try await lockKey(connection, KeyLock(row), logger)
        let etag = try await currentETag(connection, bucket: row.bucket, key: row.key, logger)
        do throws(ObjectStoreError) {
            try commit.conditions.check(currentETag: etag.map { "\"\($0)\"" }, bucket: row.bucket, key: row.key)
        } catch {
            return .failure(error)
        }
        return try await replaceObjects(connection, [(commit, json)], logger)[0]
    }

    /// One call of `coffer_objects.replace_objects`: per row, the blob ids the replaced object leaves, or
    /// `noSuchBucket`.
    private static func replaceObjects(
        _ connection: PostgresConnection, _ rows: [SortedRow], _ logger: Logger
    ) async throws -> [Result<[ObjectID], ObjectStoreError>] {
        let answers = try await connection.execute(ReplaceObjects(rows: rows.map(\.json)), logger: logger)
        var results: [Result<[ObjectID], ObjectStoreError>] = []
        for try await (found, freed) in answers {
            guard results.count < rows.count else { break }
            let bucket = rows[results.count].commit.row.bucket
            results.append(
                found
                    ? .success((freed ?? []).compactMap { ObjectID(bytes: $0.readableBytesView) })
                    : .failure(.noSuchBucket(bucket)))
        }
        guard results.count == rows.count else {
            throw ObjectStoreError.internalError("replace_objects answered \(results.count) of \(rows.count) rows")
        }
        return results
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
            var found: [String: ColumnValue]?
            for try await row in try await connection.execute(
                ObjectLookup(bucket: bucket, key: key), logger: self.logger)
            {
                found = row
            }
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

    /// Deletes the key's object row and its part rows (`coffer_objects.delete_object`; the caller holds the key's
    /// lock); returns the blob ids to remove (none for an inline object), or nil when the key had no object.
    static func deleteCurrentObject(
        _ connection: PostgresConnection, bucket: String, key: String, _ logger: Logger
    ) async throws -> [ObjectID]? {
        let rows = try await connection.query(
            "SELECT coffer_objects.delete_object(\(bucket), \(key))", logger: logger)
        for try await freed in rows.decode([ByteBuffer]?.self) {
            return freed.map { $0.compactMap { ObjectID(bytes: $0.readableBytesView) } }
        }
        return nil
    }
}

/// A key to lock; several are locked in byte order of (bucket, key), the same order on every node.
struct KeyLock: Hashable, Comparable {
    var bucket: String
    var key: String

    init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// The key an object row is written under.
    init(_ row: ObjectRow) {
        self.init(bucket: row.bucket, key: row.key)
    }

    static func < (lhs: KeyLock, rhs: KeyLock) -> Bool {
        if lhs.bucket != rhs.bucket { return lhs.bucket.utf8.lexicographicallyPrecedes(rhs.bucket.utf8) }
        return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
    }
}
