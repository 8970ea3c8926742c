import Logging
package import ObjectStore
import PostgresNIO

/// ListObjects and ListMultipartUploads: the walks of ``Listing`` and ``UploadListing``, each in one
/// `REPEATABLE READ` transaction (one snapshot, as SQLite's read transaction).
extension PostgresObjectMetadata {
    package func listObjects(bucket: String, _ request: ListObjectsRequest, from start: ListCursor?) async throws
        -> ListObjectsResult
    {
        try await snapshot { connection in
            guard try await Self.bucketRow(connection, bucket, self.logger) != nil else {
                throw ObjectStoreError.noSuchBucket(bucket)
            }
            var listing = Listing(request: request, bucket: bucket, cursor: start)
            while let query = listing.nextPage() {
                listing.receive(try await Self.listPage(connection, query, self.logger))
            }
            return listing.result
        }
    }

    package func listUploads(bucket: String, _ request: ListUploadsRequest) async throws -> ListUploadsResult {
        try await snapshot { connection in
            guard try await Self.bucketRow(connection, bucket, self.logger) != nil else {
                throw ObjectStoreError.noSuchBucket(bucket)
            }
            var listing = UploadListing(request: request, bucket: bucket)
            if let lookup = listing.markerLookup {
                let rows = try await connection.query(
                    """
                    SELECT initiated FROM coffer_objects.uploads
                    WHERE upload_id = \(lookup.uploadId) AND bucket = \(bucket) AND key = \(lookup.key)
                    """, logger: self.logger)
                var initiated: Int64?
                for try await (value) in rows.decode(Int64.self) { initiated = value }
                listing.positioned(initiated: initiated)
            }
            while let query = listing.nextPage() {
                listing.receive(try await Self.uploadPage(connection, query, self.logger))
            }
            return listing.result
        }
    }

    /// Runs `body` in a `REPEATABLE READ` transaction: every statement sees the same snapshot.
    private func snapshot<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            return try await body(connection)
        }
    }

    private static func listPage(
        _ connection: PostgresConnection, _ query: ListPageQuery, _ logger: Logger
    ) async throws -> [ObjectSummaryRow] {
        var sql = "SELECT \(ObjectSummaryRow.columns) FROM coffer_objects.objects WHERE bucket = $1"
        var values: [ColumnValue] = [.text(query.bucket)]
        func add(_ condition: String, _ value: String) {
            values.append(.text(value))
            sql += " AND key \(condition) $\(values.count)"
        }
        if !query.prefix.isEmpty { add(">=", query.prefix) }
        if let end = query.prefixEnd { add("<", end) }
        if let cursor = query.cursor { add(cursor.inclusive ? ">=" : ">", cursor.key) }
        values.append(.integer(Int64(query.limit)))
        sql += " ORDER BY key LIMIT $\(values.count)"
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: sql, binds: PostgresColumns.bindings(values)), logger: logger)
        var summaries: [ObjectSummaryRow] = []
        for try await row in rows {
            let cells = try PostgresColumns.values(row)
            summaries.append(try ObjectSummaryRow(portableValues: cells))
        }
        return summaries
    }

    private static func uploadPage(
        _ connection: PostgresConnection, _ query: UploadPageQuery, _ logger: Logger
    ) async throws -> [UploadRow] {
        var sql = "SELECT * FROM coffer_objects.uploads WHERE bucket = $1"
        var values: [ColumnValue] = [.text(query.bucket)]
        func add(_ condition: String, _ value: String) {
            values.append(.text(value))
            sql += " AND key \(condition) $\(values.count)"
        }
        if !query.prefix.isEmpty { add(">=", query.prefix) }
        if let end = query.prefixEnd { add("<", end) }
        if let after = query.after {
            values += [.text(after.key), .integer(after.initiated), .text(after.uploadId)]
            let n = values.count
            sql += " AND (key, initiated, upload_id) > ($\(n - 2), $\(n - 1), $\(n))"
        }
        if let floor = query.keyFloor { add(floor.inclusive ? ">=" : ">", floor.key) }
        values.append(.integer(Int64(query.limit)))
        sql += " ORDER BY key, initiated, upload_id LIMIT $\(values.count)"
        return try await PostgresColumns.decode(
            UploadRow.self,
            try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: PostgresColumns.bindings(values)), logger: logger))
    }
}
