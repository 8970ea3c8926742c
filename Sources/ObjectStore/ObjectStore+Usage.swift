import GRDB

extension ObjectStore {
    /// Every bucket with its object count and plaintext bytes, ordered by name; empty buckets count zero.
    ///
    /// Reads the running totals the metadata database keeps on each bucket row (`MetadataDatabase+UsageSchema`):
    /// one row per bucket, no object row, so `/_coffer/stats` costs O(buckets).
    public func bucketUsage() async throws -> [BucketUsage] {
        try await database.bucketUsage()
    }
}

extension MetadataDatabase {
    /// The query of ``bucketUsage()``: the buckets table alone.
    static let bucketUsageSQL = "SELECT name, object_count, object_bytes FROM buckets ORDER BY name"

    /// Each bucket's running totals, ordered by name.
    func bucketUsage() async throws -> [BucketUsage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.bucketUsageSQL).map { row in
                BucketUsage(bucket: row["name"], objects: row["object_count"], bytes: row["object_bytes"])
            }
        }
    }
}
