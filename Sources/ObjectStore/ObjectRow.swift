package import Foundation
package import GRDB

/// One row of the `objects` table: the current version of a key.
package struct ObjectRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "objects"

    package var bucket: String
    package var key: String
    /// The 16-byte object id: names the blob and is bound into its ciphertext.
    package var objectId: Data
    package var size: Int64
    /// MD5 of the plaintext, lower-case hex, unquoted.
    package var etag: String
    /// Milliseconds since 1970.
    package var lastModified: Int64
    package var formatVersion: Int
    package var segmentSize: Int

    package var contentType: String?
    package var contentEncoding: String?
    package var contentDisposition: String?
    package var contentLanguage: String?
    package var cacheControl: String?
    package var expires: String?
    package var userMetadata: [String: String]
    package var cannedAcl: String?

    package var checksumCrc32: String?
    package var checksumCrc32c: String?
    /// Added by migration `v2-checksum-crc64nvme`.
    package var checksumCrc64nvme: String?
    package var checksumSha1: String?
    package var checksumSha256: String?

    /// `AES256` or `aws:kms`.
    package var sseAlgorithm: String
    /// How the data key was obtained: a ``KeySource`` raw value.
    package var keySource: String
    /// SSE-S3: the data key sealed under the store key. SSE-KMS: the KMS ciphertext blob. Bucket key: `nil`.
    package var encryptedDataKey: Data?
    package var kmsKeyArn: String?
    /// The exact context sent to the key service, replayed on decrypt (for a bucket key: the bucket key's).
    package var encryptionContext: [String: String]?
    /// The pairs the client sent, echoed back in responses.
    package var userEncryptionContext: [String: String]?
    package var bucketKeyEnabled: Bool
    /// Bucket Keys: the bucket key the data key derives from (`bucket_keys.id`), and the 32-byte HKDF salt.
    package var bucketKeyId: Data?
    package var keySalt: Data?
    /// Multipart objects (migration `v4-multipart`): the number of parts, whose blobs `object_parts` lists;
    /// `nil` for an object stored as one blob named by `objectId`.
    package var partsCount: Int? = nil
    /// Multipart objects: `COMPOSITE` or `FULL_OBJECT`, the kind of the stored checksum.
    package var checksumType: String? = nil
    /// Small objects (migration `v5-inline-blobs`): the whole sealed blob, header included, kept in the row instead
    /// of a file under `objects/`; `nil` for an object stored in blob files.
    package var inlineBlob: Data? = nil

    enum CodingKeys: String, CodingKey {
        case bucket
        case key
        case objectId = "object_id"
        case size
        case etag
        case lastModified = "last_modified"
        case formatVersion = "format_version"
        case segmentSize = "segment_size"
        case contentType = "content_type"
        case contentEncoding = "content_encoding"
        case contentDisposition = "content_disposition"
        case contentLanguage = "content_language"
        case cacheControl = "cache_control"
        case expires
        case userMetadata = "user_metadata"
        case cannedAcl = "canned_acl"
        case checksumCrc32 = "checksum_crc32"
        case checksumCrc32c = "checksum_crc32c"
        case checksumCrc64nvme = "checksum_crc64nvme"
        case checksumSha1 = "checksum_sha1"
        case checksumSha256 = "checksum_sha256"
        case sseAlgorithm = "sse_algorithm"
        case keySource = "key_source"
        case encryptedDataKey = "encrypted_data_key"
        case kmsKeyArn = "kms_key_arn"
        case encryptionContext = "encryption_context"
        case userEncryptionContext = "user_encryption_context"
        case bucketKeyEnabled = "bucket_key_enabled"
        case bucketKeyId = "bucket_key_id"
        case keySalt = "key_salt"
        case partsCount = "parts_count"
        case checksumType = "checksum_type"
        case inlineBlob = "inline_blob"
    }
}

/// How an object's data key was obtained; stored so Bucket Keys can add a source without a format change.
enum KeySource: String, Sendable {
    /// A random data key sealed (AES-256-GCM) under the store's SSE-S3 key.
    case sseS3Wrapped = "sse-s3-wrapped"
    /// A data key from `DataKeyProvider.generateDataKey`, stored as its KMS ciphertext.
    case kmsDataKey = "kms-data-key"
    /// Derived by HKDF from a bucket key and a per-object salt (Bucket Keys, docs/bucket-keys.md).
    case bucketKeyDerived = "bucket-key-derived"
}

/// One row of the `buckets` table.
package struct BucketRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "buckets"

    package var name: String
    /// Milliseconds since 1970.
    package var createdAt: Int64
    package var region: String
    /// `nil` when default encryption was never configured (or was deleted).
    package var sseAlgorithm: String?
    package var sseKmsKeyId: String?
    package var sseBucketKeyEnabled: Bool

    enum CodingKeys: String, CodingKey {
        case name
        case createdAt = "created_at"
        case region
        case sseAlgorithm = "sse_algorithm"
        case sseKmsKeyId = "sse_kms_key_id"
        case sseBucketKeyEnabled = "sse_bucket_key_enabled"
    }
}
