import PostgresSupport

/// The schema `coffer_objects`: the tables of the SQLite metadata (`MetadataDatabase+Migrations.swift`), column for
/// column (INTEGER is BIGINT, BLOB is BYTEA), with the same CHECKs. Keys, bucket names and upload ids use the `C`
/// collation, so `ORDER BY key` is byte order of the UTF-8 keys, as in SQLite and S3. Foreign keys stand in for the
/// SQLite triggers on bucket keys. Append-only: never edit a shipped migration, add one.
extension PostgresObjectMetadata {
    static let schema = "coffer_objects"

    static let migrations = [
        PostgresMigration(
            name: "v1-metadata",
            statements: [
                createBuckets, createBucketKeys, createObjects, createUploads, createUploadParts, createObjectParts,
                "CREATE INDEX uploads_by_key ON coffer_objects.uploads (bucket, key, initiated, upload_id)",
                "CREATE INDEX uploads_by_age ON coffer_objects.uploads (initiated)",
                "CREATE INDEX object_parts_by_offset ON coffer_objects.object_parts (object_id, \"offset\")",
                createSettings,
            ]),
        commitFunctions,
        PostgresMigration(name: "v3-bucket-access", statements: [createBucketAccess]),
    ]

    /// A bucket's policy and Block Public Access settings, as SQLite's `bucket_access`.
    private static let createBucketAccess = """
        CREATE TABLE coffer_objects.bucket_access (
            bucket TEXT COLLATE "C" NOT NULL PRIMARY KEY
                REFERENCES coffer_objects.buckets (name) ON DELETE CASCADE,
            policy TEXT CHECK (policy IS NULL OR octet_length(policy) BETWEEN 1 AND 20480),
            public_access_block BIGINT CHECK (public_access_block IS NULL OR public_access_block BETWEEN 0 AND 15)
        )
        """

    private static let createBuckets = """
        CREATE TABLE coffer_objects.buckets (
            name TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 3 AND 63),
            created_at BIGINT NOT NULL,
            region TEXT NOT NULL,
            sse_algorithm TEXT CHECK (sse_algorithm IN ('AES256', 'aws:kms')),
            sse_kms_key_id TEXT CHECK (sse_kms_key_id IS NULL OR sse_algorithm = 'aws:kms'),
            sse_bucket_key_enabled BIGINT NOT NULL DEFAULT 0 CHECK (sse_bucket_key_enabled IN (0, 1))
        )
        """

    private static let createBucketKeys = """
        CREATE TABLE coffer_objects.bucket_keys (
            id BYTEA NOT NULL PRIMARY KEY CHECK (length(id) = 16),
            bucket TEXT COLLATE "C" NOT NULL REFERENCES coffer_objects.buckets (name) ON DELETE CASCADE,
            kms_key_arn TEXT NOT NULL CHECK (length(kms_key_arn) > 0),
            encrypted_key BYTEA NOT NULL CHECK (length(encrypted_key) > 0),
            encryption_context TEXT NOT NULL,
            principal_arn TEXT NOT NULL,
            account_id TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (id, bucket, kms_key_arn)
        )
        """

    /// The stored key of an object or an upload, as in SQLite's CHECKs and bucket-key triggers.
    private static let keyColumns = """
            sse_algorithm TEXT NOT NULL CHECK (sse_algorithm IN ('AES256', 'aws:kms')),
            key_source TEXT NOT NULL
                CHECK (key_source IN ('sse-s3-wrapped', 'kms-data-key', 'bucket-key-derived')),
            encrypted_data_key BYTEA,
            kms_key_arn TEXT,
            encryption_context TEXT,
            user_encryption_context TEXT,
            bucket_key_enabled BIGINT NOT NULL CHECK (bucket_key_enabled IN (0, 1)),
            bucket_key_id BYTEA,
            key_salt BYTEA CHECK (key_salt IS NULL OR length(key_salt) = 32),
            FOREIGN KEY (bucket_key_id, bucket, kms_key_arn)
                REFERENCES coffer_objects.bucket_keys (id, bucket, kms_key_arn),
            CHECK ((sse_algorithm = 'AES256') = (key_source = 'sse-s3-wrapped')),
            CHECK ((sse_algorithm = 'aws:kms') = (kms_key_arn IS NOT NULL AND encryption_context IS NOT NULL)),
            CHECK ((key_source = 'bucket-key-derived') = (bucket_key_id IS NOT NULL AND key_salt IS NOT NULL)),
            CHECK ((key_source = 'bucket-key-derived') = (encrypted_data_key IS NULL))
        """

    private static let metadataColumns = """
            content_type TEXT,
            content_encoding TEXT,
            content_disposition TEXT,
            content_language TEXT,
            cache_control TEXT,
            expires TEXT,
            user_metadata TEXT NOT NULL,
            canned_acl TEXT,
        """

    private static let checksumColumns = """
            checksum_crc32 TEXT,
            checksum_crc32c TEXT,
            checksum_crc64nvme TEXT,
            checksum_sha1 TEXT,
            checksum_sha256 TEXT,
        """

    private static let createObjects = """
        CREATE TABLE coffer_objects.objects (
            bucket TEXT COLLATE "C" NOT NULL REFERENCES coffer_objects.buckets (name) ON DELETE RESTRICT,
            key TEXT COLLATE "C" NOT NULL CHECK (octet_length(key) BETWEEN 1 AND 1024),
            object_id BYTEA NOT NULL UNIQUE CHECK (length(object_id) = 16),
            size BIGINT NOT NULL CHECK (size >= 0),
            etag TEXT NOT NULL,
            last_modified BIGINT NOT NULL,
            format_version BIGINT NOT NULL,
            segment_size BIGINT NOT NULL CHECK (segment_size > 0),
            \(metadataColumns)
            \(checksumColumns)
            parts_count BIGINT CHECK (parts_count BETWEEN 1 AND 10000),
            checksum_type TEXT,
            inline_blob BYTEA CHECK (inline_blob IS NULL OR (parts_count IS NULL AND length(inline_blob) > 0)),
            PRIMARY KEY (bucket, key),
            \(keyColumns)
        )
        """

    private static let createUploads = """
        CREATE TABLE coffer_objects.uploads (
            upload_id TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(upload_id) = 32),
            identity BYTEA NOT NULL UNIQUE CHECK (length(identity) = 16),
            bucket TEXT COLLATE "C" NOT NULL REFERENCES coffer_objects.buckets (name) ON DELETE CASCADE,
            key TEXT COLLATE "C" NOT NULL CHECK (octet_length(key) BETWEEN 1 AND 1024),
            initiated BIGINT NOT NULL,
            segment_size BIGINT NOT NULL CHECK (segment_size > 0),
            \(metadataColumns)
            checksum_algorithm TEXT CHECK (checksum_algorithm IN ('CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256')),
            checksum_type TEXT CHECK (checksum_type IN ('COMPOSITE', 'FULL_OBJECT')),
            CHECK ((checksum_algorithm IS NULL) = (checksum_type IS NULL)),
            \(keyColumns)
        )
        """

    private static let partColumns = """
            part_number BIGINT NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
            blob_id BYTEA NOT NULL UNIQUE CHECK (length(blob_id) = 16),
            part_salt BYTEA NOT NULL CHECK (length(part_salt) = 32),
            size BIGINT NOT NULL CHECK (size >= 0),
            etag TEXT NOT NULL CHECK (length(etag) = 32),
            last_modified BIGINT NOT NULL,
            segment_size BIGINT NOT NULL CHECK (segment_size > 0),
            \(checksumColumns)
        """

    private static let createUploadParts = """
        CREATE TABLE coffer_objects.upload_parts (
            upload_id TEXT COLLATE "C" NOT NULL REFERENCES coffer_objects.uploads (upload_id) ON DELETE CASCADE,
            \(partColumns)
            PRIMARY KEY (upload_id, part_number)
        )
        """

    private static let createObjectParts = """
        CREATE TABLE coffer_objects.object_parts (
            object_id BYTEA NOT NULL CHECK (length(object_id) = 16),
            "offset" BIGINT NOT NULL CHECK ("offset" >= 0),
            \(partColumns)
            PRIMARY KEY (object_id, part_number)
        )
        """

    /// Values every node shares, such as the sealed SSE-S3 store key.
    private static let createSettings = """
        CREATE TABLE coffer_objects.settings (
            name TEXT NOT NULL PRIMARY KEY,
            value BYTEA NOT NULL
        )
        """
}
