import GRDB

/// The running totals behind ``ObjectStore/bucketUsage()``: a `bucket_usage` row per bucket with its object count
/// and the sum of its objects' plaintext sizes.
///
/// Triggers keep them, so every statement that inserts or deletes an object row (PUT, Copy, multipart Complete,
/// DELETE, DeleteObjects, their replacements) updates them in its own transaction, and no write path can forget to.
/// A bucket's row is created with the bucket and goes with it (foreign key, `ON DELETE CASCADE`). Reading them costs
/// one row per bucket, never a scan of `objects`. A table of its own leaves the `buckets` row and its codec as they
/// were.
extension MetadataDatabase {
    /// The v6 migration: the table, its rows computed once from the existing objects, then the triggers.
    static func migrateBucketUsage(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE bucket_usage (
                    bucket TEXT NOT NULL PRIMARY KEY REFERENCES buckets(name) ON DELETE CASCADE,
                    object_count INTEGER NOT NULL CHECK (object_count >= 0),
                    object_bytes INTEGER NOT NULL CHECK (object_bytes >= 0)
                ) WITHOUT ROWID
                """)
        try db.execute(
            sql: """
                INSERT INTO bucket_usage (bucket, object_count, object_bytes)
                SELECT buckets.name, COUNT(objects.key), COALESCE(SUM(objects.size), 0)
                FROM buckets LEFT JOIN objects ON objects.bucket = buckets.name
                GROUP BY buckets.name
                """)
        for trigger in usageTriggers { try db.execute(sql: trigger) }
    }

    private static let usageTriggers = [
        """
        CREATE TRIGGER buckets_usage_insert AFTER INSERT ON buckets BEGIN
            INSERT INTO bucket_usage (bucket, object_count, object_bytes) VALUES (NEW.name, 0, 0);
        END
        """,
        """
        CREATE TRIGGER objects_usage_insert AFTER INSERT ON objects BEGIN
            UPDATE bucket_usage SET object_count = object_count + 1, object_bytes = object_bytes + NEW.size
            WHERE bucket = NEW.bucket;
        END
        """,
        """
        CREATE TRIGGER objects_usage_delete AFTER DELETE ON objects BEGIN
            UPDATE bucket_usage SET object_count = object_count - 1, object_bytes = object_bytes - OLD.size
            WHERE bucket = OLD.bucket;
        END
        """,
        // No statement updates these columns today; the trigger keeps the totals right if one ever does.
        """
        CREATE TRIGGER objects_usage_update AFTER UPDATE OF bucket, size ON objects BEGIN
            UPDATE bucket_usage SET object_count = object_count - 1, object_bytes = object_bytes - OLD.size
            WHERE bucket = OLD.bucket;
            UPDATE bucket_usage SET object_count = object_count + 1, object_bytes = object_bytes + NEW.size
            WHERE bucket = NEW.bucket;
        END
        """,
    ]
}
