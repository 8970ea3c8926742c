import GRDB

extension MetadataDatabase {
    /// Deletes an empty bucket with its uploads in progress; fails with `noSuchBucket` or `bucketNotEmpty`.
    /// Returns the uploads' part blobs, for the caller to remove.
    func deleteBucket(_ name: String) async throws -> [ObjectID] {
        defer { accessCache.invalidate(name) }
        return try await write { db in
            guard try BucketRow.exists(db, key: name) else { throw ObjectStoreError.noSuchBucket(name) }
            let hasObjects = try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = ?)",
                arguments: [name]
            )
            guard hasObjects != true else { throw ObjectStoreError.bucketNotEmpty(name) }
            var parts: [ObjectID] = []
            for upload in try String.fetchAll(
                db, sql: "SELECT upload_id FROM uploads WHERE bucket = ?", arguments: [name])
            {
                parts += try Self.deleteUpload(db, upload)
            }
            try BucketRow.deleteOne(db, key: name)
            return parts
        }
    }

    /// Sets (or with `nil`, clears) a bucket's default encryption.
    func setBucketEncryption(_ name: String, _ encryption: BucketEncryption?) async throws {
        try await write { db in
            guard var row = try BucketRow.fetchOne(db, key: name) else { throw ObjectStoreError.noSuchBucket(name) }
            row.sseAlgorithm = encryption?.algorithm.rawValue
            row.sseKmsKeyId = encryption?.kmsMasterKeyId
            row.sseBucketKeyEnabled = encryption?.bucketKeyEnabled ?? false
            try row.update(db)
        }
    }

    /// The bucket's row, or `noSuchBucket`.
    func bucket(_ name: String) async throws -> BucketRow {
        let row = try await pool.read { db in try Self.bucketRow(db, name: name) }
        guard let row else { throw ObjectStoreError.noSuchBucket(name) }
        return row
    }

    /// All buckets, ordered by name.
    func buckets() async throws -> [BucketRow] {
        try await pool.read { db in try BucketRow.order(Column("name")).fetchAll(db) }
    }
}
