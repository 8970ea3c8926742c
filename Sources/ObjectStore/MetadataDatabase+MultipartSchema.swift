import GRDB

/// The `v4-multipart` migration: in-progress uploads, their parts, and the parts of completed objects
/// (docs/storage-format.md §8).
extension MetadataDatabase {
    static func migrateMultipart(_ db: Database) throws {
        try db.execute(sql: createUploads)
        try db.execute(sql: "CREATE INDEX uploads_by_key ON uploads(bucket, key, initiated, upload_id)")
        try db.execute(sql: "CREATE INDEX uploads_by_age ON uploads(initiated)")
        try db.execute(sql: createUploadParts)
        try db.execute(sql: createObjectParts)
        try db.execute(sql: "CREATE INDEX object_parts_by_offset ON object_parts(object_id, offset)")
        try db.execute(
            sql: "ALTER TABLE objects ADD COLUMN parts_count INTEGER CHECK (parts_count BETWEEN 1 AND 10000)")
        try db.execute(sql: "ALTER TABLE objects ADD COLUMN checksum_type TEXT")
        try db.execute(sql: createUploadsBucketKeyTrigger)
    }

    /// An upload: what CreateMultipartUpload decided (metadata, encryption and its stored data key). The
    /// upload id is the hex of the 16-byte `identity`, which plays the object id's role in key derivation.
    private static let createUploads = """
        CREATE TABLE uploads (
            upload_id TEXT NOT NULL PRIMARY KEY CHECK (length(upload_id) = 32),
            identity BLOB NOT NULL UNIQUE CHECK (length(identity) = 16),
            bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (length(CAST(key AS BLOB)) BETWEEN 1 AND 1024),
            initiated INTEGER NOT NULL,
            segment_size INTEGER NOT NULL CHECK (segment_size > 0),
            content_type TEXT,
            content_encoding TEXT,
            content_disposition TEXT,
            content_language TEXT,
            cache_control TEXT,
            expires TEXT,
            user_metadata TEXT NOT NULL,
            canned_acl TEXT,
            checksum_algorithm TEXT CHECK (checksum_algorithm IN ('CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256')),
            checksum_type TEXT CHECK (checksum_type IN ('COMPOSITE', 'FULL_OBJECT')),
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
            CHECK ((checksum_algorithm IS NULL) = (checksum_type IS NULL)),
            CHECK ((sse_algorithm = 'AES256') = (key_source = 'sse-s3-wrapped')),
            CHECK ((sse_algorithm = 'aws:kms') = (kms_key_arn IS NOT NULL AND encryption_context IS NOT NULL)),
            CHECK ((key_source = 'bucket-key-derived') = (bucket_key_id IS NOT NULL AND key_salt IS NOT NULL)),
            CHECK ((key_source = 'bucket-key-derived') = (encrypted_data_key IS NULL))
        ) WITHOUT ROWID
        """

    /// The current part of each part number of an upload: one blob each, sealed under its own part key.
    private static let createUploadParts = """
        CREATE TABLE upload_parts (
            upload_id TEXT NOT NULL REFERENCES uploads(upload_id) ON DELETE CASCADE,
            part_number INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
            blob_id BLOB NOT NULL UNIQUE CHECK (length(blob_id) = 16),
            part_salt BLOB NOT NULL CHECK (length(part_salt) = 32),
            size INTEGER NOT NULL CHECK (size >= 0),
            etag TEXT NOT NULL CHECK (length(etag) = 32),
            last_modified INTEGER NOT NULL,
            segment_size INTEGER NOT NULL CHECK (segment_size > 0),
            checksum_crc32 TEXT,
            checksum_crc32c TEXT,
            checksum_crc64nvme TEXT,
            checksum_sha1 TEXT,
            checksum_sha256 TEXT,
            PRIMARY KEY (upload_id, part_number)
        ) WITHOUT ROWID
        """

    /// The ordered parts of a completed multipart object, keyed by the object's id (the upload identity).
    /// `offset` is the part's first byte in the object, so a range read finds its parts with one seek.
    private static let createObjectParts = """
        CREATE TABLE object_parts (
            object_id BLOB NOT NULL CHECK (length(object_id) = 16),
            part_number INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
            offset INTEGER NOT NULL CHECK (offset >= 0),
            blob_id BLOB NOT NULL UNIQUE CHECK (length(blob_id) = 16),
            part_salt BLOB NOT NULL CHECK (length(part_salt) = 32),
            size INTEGER NOT NULL CHECK (size >= 0),
            etag TEXT NOT NULL CHECK (length(etag) = 32),
            last_modified INTEGER NOT NULL,
            segment_size INTEGER NOT NULL CHECK (segment_size > 0),
            checksum_crc32 TEXT,
            checksum_crc32c TEXT,
            checksum_crc64nvme TEXT,
            checksum_sha1 TEXT,
            checksum_sha256 TEXT,
            PRIMARY KEY (object_id, part_number)
        ) WITHOUT ROWID
        """

    /// As for objects: an upload derived from a bucket key names a persisted bucket key of its bucket.
    private static let createUploadsBucketKeyTrigger = """
        CREATE TRIGGER uploads_bucket_key_exists BEFORE INSERT ON uploads
        WHEN NEW.bucket_key_id IS NOT NULL AND (length(NEW.key_salt) != 32 OR NOT EXISTS (
            SELECT 1 FROM bucket_keys
            WHERE id = NEW.bucket_key_id AND bucket = NEW.bucket AND kms_key_arn = NEW.kms_key_arn))
        BEGIN
            SELECT RAISE(ABORT, 'upload names an unknown bucket key');
        END
        """
}
