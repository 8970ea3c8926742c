import GRDB

extension MetadataDatabase {
    /// The named, append-only migrations. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-buckets-objects") { db in
            try db.execute(sql: createBuckets)
            try db.execute(sql: createObjects)
            try db.execute(sql: "CREATE UNIQUE INDEX objects_by_id ON objects(object_id)")
        }
        migrator.registerMigration("v2-checksum-crc64nvme") { db in
            try db.execute(sql: "ALTER TABLE objects ADD COLUMN checksum_crc64nvme TEXT")
        }
        migrator.registerMigration("v3-bucket-keys") { db in
            try db.execute(sql: createBucketKeys)
            try db.execute(sql: "CREATE INDEX bucket_keys_by_bucket ON bucket_keys(bucket)")
            try db.execute(sql: createObjectsBucketKeyTrigger)
        }
        migrator.registerMigration("v4-multipart", migrate: migrateMultipart)
        migrator.registerMigration("v5-inline-blobs") { db in
            // Small objects keep their sealed blob in the row (docs/storage-format.md §9); never a multipart object.
            try db.execute(
                sql: """
                    ALTER TABLE objects ADD COLUMN inline_blob BLOB
                    CHECK (inline_blob IS NULL OR (parts_count IS NULL AND length(inline_blob) > 0))
                    """)
        }
        migrator.registerMigration("v6-bucket-usage", migrate: migrateBucketUsage)
        migrator.registerMigration("v7-bucket-access") { db in try db.execute(sql: createBucketAccess) }
        return migrator
    }

    /// Buckets; a NULL `sse_algorithm` means default encryption was never configured.
    private static let createBuckets = """
        CREATE TABLE buckets (
            name TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 3 AND 63),
            created_at INTEGER NOT NULL,
            region TEXT NOT NULL,
            sse_algorithm TEXT CHECK (sse_algorithm IN ('AES256', 'aws:kms')),
            sse_kms_key_id TEXT CHECK (sse_kms_key_id IS NULL OR sse_algorithm = 'aws:kms'),
            sse_bucket_key_enabled INTEGER NOT NULL DEFAULT 0 CHECK (sse_bucket_key_enabled IN (0, 1))
        ) WITHOUT ROWID
        """

    /// A bucket's policy (JSON text, at most 20 KiB) and Block Public Access settings (bits of
    /// `PublicAccessBlock.bits`); no row, or NULL, when not set.
    private static let createBucketAccess = """
        CREATE TABLE bucket_access (
            bucket TEXT NOT NULL PRIMARY KEY REFERENCES buckets(name) ON DELETE CASCADE,
            policy TEXT CHECK (policy IS NULL OR length(CAST(policy AS BLOB)) BETWEEN 1 AND 20480),
            public_access_block INTEGER CHECK (public_access_block IS NULL OR public_access_block BETWEEN 0 AND 15)
        ) WITHOUT ROWID
        """

    /// Objects: the current version of each key. The CHECKs tie the key source to the stored key fields,
    /// so a row can never claim SSE-KMS without an ARN and context, nor hold a KMS field for SSE-S3.
    private static let createObjects = """
        CREATE TABLE objects (
            bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE RESTRICT,
            key TEXT NOT NULL CHECK (length(CAST(key AS BLOB)) BETWEEN 1 AND 1024),
            object_id BLOB NOT NULL CHECK (length(object_id) = 16),
            size INTEGER NOT NULL CHECK (size >= 0),
            etag TEXT NOT NULL,
            last_modified INTEGER NOT NULL,
            format_version INTEGER NOT NULL,
            segment_size INTEGER NOT NULL CHECK (segment_size > 0),
            content_type TEXT,
            content_encoding TEXT,
            content_disposition TEXT,
            content_language TEXT,
            cache_control TEXT,
            expires TEXT,
            user_metadata TEXT NOT NULL,
            canned_acl TEXT,
            checksum_crc32 TEXT,
            checksum_crc32c TEXT,
            checksum_sha1 TEXT,
            checksum_sha256 TEXT,
            sse_algorithm TEXT NOT NULL CHECK (sse_algorithm IN ('AES256', 'aws:kms')),
            key_source TEXT NOT NULL
                CHECK (key_source IN ('sse-s3-wrapped', 'kms-data-key', 'bucket-key-derived')),
            encrypted_data_key BLOB,
            kms_key_arn TEXT,
            encryption_context TEXT,
            user_encryption_context TEXT,
            bucket_key_enabled INTEGER NOT NULL CHECK (bucket_key_enabled IN (0, 1)),
            bucket_key_id BLOB,
            key_salt BLOB,
            PRIMARY KEY (bucket, key),
            CHECK ((sse_algorithm = 'AES256') = (key_source = 'sse-s3-wrapped')),
            CHECK ((sse_algorithm = 'aws:kms') = (kms_key_arn IS NOT NULL AND encryption_context IS NOT NULL)),
            CHECK ((key_source = 'bucket-key-derived') = (bucket_key_id IS NOT NULL AND key_salt IS NOT NULL)),
            CHECK ((key_source = 'bucket-key-derived') = (encrypted_data_key IS NULL))
        ) WITHOUT ROWID
        """

    /// Bucket keys (#4): the KMS-encrypted form of each generated bucket key. They go with their bucket,
    /// which can only be deleted once it has no objects, so no object outlives its bucket key.
    private static let createBucketKeys = """
        CREATE TABLE bucket_keys (
            id BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
            bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
            kms_key_arn TEXT NOT NULL CHECK (length(kms_key_arn) > 0),
            encrypted_key BLOB NOT NULL CHECK (length(encrypted_key) > 0),
            encryption_context TEXT NOT NULL,
            principal_arn TEXT NOT NULL,
            account_id TEXT NOT NULL,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID
        """

    /// An object derived from a bucket key must name a persisted bucket key of its own bucket and KMS key,
    /// with a 32-byte salt. (`objects.bucket_key_id` predates the table, so a trigger stands in for a foreign key.)
    private static let createObjectsBucketKeyTrigger = """
        CREATE TRIGGER objects_bucket_key_exists BEFORE INSERT ON objects
        WHEN NEW.bucket_key_id IS NOT NULL AND (length(NEW.key_salt) != 32 OR NOT EXISTS (
            SELECT 1 FROM bucket_keys
            WHERE id = NEW.bucket_key_id AND bucket = NEW.bucket AND kms_key_arn = NEW.kms_key_arn))
        BEGIN
            SELECT RAISE(ABORT, 'object names an unknown bucket key');
        END
        """
}
