import GRDB

extension ObjectStore {
    /// Every bucket with its object count and plaintext bytes, ordered by name; empty buckets count zero.
    ///
    /// Reads the running totals the metadata database keeps per bucket (`MetadataDatabase+UsageSchema`):
    /// one row per bucket, no object row, so `/_coffer/stats` costs O(buckets).
    public func bucketUsage() async throws -> [BucketUsage] {
        try await metadata.bucketUsage()
    }
}

extension MetadataDatabase {
    /// The query of ``bucketUsage()``: one `bucket_usage` row per bucket, by name.
    static let bucketUsageSQL = "SELECT bucket, object_count, object_bytes FROM bucket_usage ORDER BY bucket"

    /// Each bucket's running totals, ordered by name.
    func bucketUsage() async throws -> [BucketUsage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.bucketUsageSQL).map { row in
                BucketUsage(bucket: row["bucket"], objects: row["object_count"], bytes: row["object_bytes"])
            }
        }
    }
}
