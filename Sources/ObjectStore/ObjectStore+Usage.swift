import GRDB

extension ObjectStore {
    /// Every bucket with its object count and plaintext bytes, ordered by name; empty buckets count zero.
    ///
    /// One read-only SQL query. It reads every object row (no blob file), which is fine for summaries such as
    /// `/_coffer/stats`, but not for a per-request path.
    public func bucketUsage() async throws -> [BucketUsage] {
        try await database.bucketUsage()
    }
}

extension MetadataDatabase {
    /// `SELECT bucket, COUNT(*), SUM(size)` over all buckets, including empty ones.
    func bucketUsage() async throws -> [BucketUsage] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT buckets.name AS bucket, COUNT(objects.key) AS objects,
                           COALESCE(SUM(objects.size), 0) AS bytes
                    FROM buckets LEFT JOIN objects ON objects.bucket = buckets.name
                    GROUP BY buckets.name ORDER BY buckets.name
                    """
            ).map { row in BucketUsage(bucket: row["bucket"], objects: row["objects"], bytes: row["bytes"]) }
        }
    }
}
