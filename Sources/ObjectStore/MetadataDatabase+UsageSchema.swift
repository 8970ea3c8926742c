import GRDB

/// The running totals behind ``ObjectStore/bucketUsage()``: each bucket row carries its object count and the sum
/// of its objects' plaintext sizes.
///
/// Triggers on `objects` keep them, so every statement that inserts or deletes an object row (PUT, Copy, multipart
/// Complete, DELETE, DeleteObjects, their replacements) updates them in its own transaction, and no write path can
/// forget to. A bucket's totals go with its row. Reading them costs one row per bucket, never a scan of `objects`.
extension MetadataDatabase {
    /// The v6 migration: the two columns, their values computed once from the existing rows, then the triggers.
    static func migrateBucketUsage(_ db: Database) throws {
        try db.execute(
            sql: "ALTER TABLE buckets ADD COLUMN object_count INTEGER NOT NULL DEFAULT 0 CHECK (object_count >= 0)")
        try db.execute(
            sql: "ALTER TABLE buckets ADD COLUMN object_bytes INTEGER NOT NULL DEFAULT 0 CHECK (object_bytes >= 0)")
        try db.execute(
            sql: """
                UPDATE buckets SET
                    object_count = (SELECT COUNT(*) FROM objects WHERE objects.bucket = buckets.name),
                    object_bytes = (SELECT COALESCE(SUM(size), 0) FROM objects WHERE objects.bucket = buckets.name)
                """)
        for trigger in usageTriggers { try db.execute(sql: trigger) }
    }

    private static let usageTriggers = [
        """
        CREATE TRIGGER objects_usage_insert AFTER INSERT ON objects BEGIN
            UPDATE buckets SET object_count = object_count + 1, object_bytes = object_bytes + NEW.size
            WHERE name = NEW.bucket;
        END
        """,
        """
        CREATE TRIGGER objects_usage_delete AFTER DELETE ON objects BEGIN
            UPDATE buckets SET object_count = object_count - 1, object_bytes = object_bytes - OLD.size
            WHERE name = OLD.bucket;
        END
        """,
        // No statement updates these columns today; the trigger keeps the totals right if one ever does.
        """
        CREATE TRIGGER objects_usage_update AFTER UPDATE OF bucket, size ON objects BEGIN
            UPDATE buckets SET object_count = object_count - 1, object_bytes = object_bytes - OLD.size
            WHERE name = OLD.bucket;
            UPDATE buckets SET object_count = object_count + 1, object_bytes = object_bytes + NEW.size
            WHERE name = NEW.bucket;
        END
        """,
    ]
}
