import Logging
import NIOCore
package import ObjectStore
import PostgresNIO

/// Buckets, their default encryption, their usage, and bucket keys.
extension PostgresObjectMetadata: ObjectMetadataStore {
    /// Eight batches of at most four rows commit at once: PostgreSQL runs transactions in parallel and shares a WAL
    /// flush among those that commit together, while one batch's rows cost several round trips each. One batch at a
    /// time (SQLite's grouping) held a 4 KiB PUT at 560/s here.
    package var commitGrouping: CommitGrouping { CommitGrouping(lanes: 8, batchLimit: 4) }

    /// The database belongs to the composition root, which stops it after the stores.
    package func close() async throws {}

    package func createBucket(_ row: BucketRow, publicAccessBlock: PublicAccessBlock?) async throws {
        let insert = PostgresColumns.insert(
            into: "buckets", try row.portableValues, extra: " ON CONFLICT DO NOTHING RETURNING name")
        let name = row.name
        let bits = publicAccessBlock?.bits
        let inserted = try await transaction { connection in
            let inserted = try await connection.query(insert, logger: self.logger).collect().count
            if inserted == 1, let bits {
                try await connection.query(
                    "INSERT INTO coffer_objects.bucket_access (bucket, public_access_block) VALUES (\(name), \(bits))",
                    logger: self.logger)
            }
            return inserted
        }
        guard inserted == 1 else { throw ObjectStoreError.bucketAlreadyOwnedByYou(row.name) }
    }

    package func bucket(_ name: String) async throws -> BucketRow {
        try await cached(bucketRows, name) {
            guard
                let row = try await connection({ connection in try await Self.bucketRow(connection, name, self.logger) }
                )
            else { throw ObjectStoreError.noSuchBucket(name) }
            return row
        }
    }

    package func buckets() async throws -> [BucketRow] {
        try await connection { connection in
            try await PostgresColumns.decode(
                BucketRow.self,
                try await connection.query("SELECT * FROM coffer_objects.buckets ORDER BY name", logger: self.logger))
        }
    }

    package func deleteBucket(_ name: String) async throws -> [ObjectID] {
        defer { forgetBucket(name) }
        return try await transaction { connection in
            guard try await Self.bucketRow(connection, name, self.logger, lock: "FOR UPDATE") != nil else {
                throw ObjectStoreError.noSuchBucket(name)
            }
            let objects = try await connection.query(
                "SELECT 1 FROM coffer_objects.objects WHERE bucket = \(name) LIMIT 1", logger: self.logger
            ).collect()
            guard objects.isEmpty else { throw ObjectStoreError.bucketNotEmpty(name) }
            let parts = try await connection.query(
                """
                SELECT blob_id FROM coffer_objects.upload_parts
                WHERE upload_id IN (SELECT upload_id FROM coffer_objects.uploads WHERE bucket = \(name))
                """, logger: self.logger)
            let blobs = try await Self.objectIDs(parts)
            // Uploads, their parts, the bucket keys and the access row go by ON DELETE CASCADE.
            try await connection.query("DELETE FROM coffer_objects.buckets WHERE name = \(name)", logger: self.logger)
            try await Self.publishBucketChange(name, on: connection, self.logger)
            return blobs
        }
    }

    package func setBucketEncryption(_ name: String, _ encryption: BucketEncryption?) async throws {
        let algorithm = encryption?.algorithm.rawValue
        let keyId = encryption?.kmsMasterKeyId
        let bucketKey: Int64 = encryption?.bucketKeyEnabled == true ? 1 : 0
        defer { forgetBucket(name) }
        let updated = try await transaction { connection in
            let updated = try await connection.query(
                """
                UPDATE coffer_objects.buckets
                SET sse_algorithm = \(algorithm), sse_kms_key_id = \(keyId), sse_bucket_key_enabled = \(bucketKey)
                WHERE name = \(name) RETURNING name
                """, logger: self.logger
            ).collect().count
            if updated == 1 { try await Self.publishBucketChange(name, on: connection, self.logger) }
            return updated
        }
        guard updated == 1 else { throw ObjectStoreError.noSuchBucket(name) }
    }

    /// Counted from the object rows (one index range per bucket), not kept in running totals: a totals row per
    /// bucket would serialize every commit of a bucket across all nodes.
    package func bucketUsage() async throws -> [BucketUsage] {
        try await connection { connection in
            let rows = try await connection.query(
                """
                SELECT buckets.name, COUNT(objects.key), COALESCE(SUM(objects.size), 0)::BIGINT
                FROM coffer_objects.buckets LEFT JOIN coffer_objects.objects ON objects.bucket = buckets.name
                GROUP BY buckets.name ORDER BY buckets.name
                """, logger: self.logger)
            var usage: [BucketUsage] = []
            for try await (bucket, count, bytes) in rows.decode((String, Int64, Int64).self) {
                usage.append(BucketUsage(bucket: bucket, objects: Int(count), bytes: bytes))
            }
            return usage
        }
    }

    package func insertBucketKey(_ row: BucketKeyRow) async throws {
        let insert = PostgresColumns.insert(into: "bucket_keys", try row.portableValues)
        try await transaction { connection in
            guard try await Self.bucketRow(connection, row.bucket, self.logger, lock: "FOR SHARE") != nil else {
                throw ObjectStoreError.noSuchBucket(row.bucket)
            }
            try await connection.query(insert, logger: self.logger)
        }
    }

    package func bucketKey(id: [UInt8]) async throws -> BucketKeyRow? {
        try await connection { connection in
            try await PostgresColumns.decode(
                BucketKeyRow.self,
                try await connection.query(
                    "SELECT * FROM coffer_objects.bucket_keys WHERE id = \(PostgresColumns.bytes(id))",
                    logger: self.logger)
            ).first
        }
    }

    /// The bucket's row, optionally locked (`FOR SHARE` keeps it from being deleted until the transaction ends).
    static func bucketRow(
        _ connection: PostgresConnection, _ name: String, _ logger: Logger, lock: String = ""
    ) async throws -> BucketRow? {
        var query: PostgresQuery = "SELECT * FROM coffer_objects.buckets WHERE name = \(name) "
        query.sql += lock
        return try await PostgresColumns.decode(BucketRow.self, try await connection.query(query, logger: logger)).first
    }

    /// The object ids in the first column of `rows`.
    static func objectIDs(_ rows: PostgresRowSequence) async throws -> [ObjectID] {
        var ids: [ObjectID] = []
        for try await (bytes) in rows.decode(ByteBuffer.self) {
            if let id = ObjectID(bytes: bytes.readableBytesView) { ids.append(id) }
        }
        return ids
    }
}
