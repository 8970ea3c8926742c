package import Foundation
package import GRDB

/// One row of the `uploads` table: an in-progress multipart upload, as CreateMultipartUpload decided it.
package struct UploadRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, StoredKeyColumns {
    package static let databaseTableName = "uploads"

    /// The hex of `identity`; what clients see as `UploadId`.
    package var uploadId: String
    /// 16 random bytes: the completed object's id, bound into the data key's wrapping or derivation.
    package var identity: Data
    package var bucket: String
    package var key: String
    /// Milliseconds since 1970.
    package var initiated: Int64
    package var segmentSize: Int

    package var contentType: String?
    package var contentEncoding: String?
    package var contentDisposition: String?
    package var contentLanguage: String?
    package var cacheControl: String?
    package var expires: String?
    package var userMetadata: [String: String]
    package var cannedAcl: String?

    /// The `x-amz-checksum-algorithm` of the upload, and `COMPOSITE` or `FULL_OBJECT`.
    package var checksumAlgorithm: String?
    package var checksumType: String?

    package var sseAlgorithm: String
    package var keySource: String
    package var encryptedDataKey: Data?
    package var kmsKeyArn: String?
    package var encryptionContext: [String: String]?
    package var userEncryptionContext: [String: String]?
    package var bucketKeyEnabled: Bool
    package var bucketKeyId: Data?
    package var keySalt: Data?

    enum CodingKeys: String, CodingKey {
        case uploadId = "upload_id"
        case identity, bucket, key, initiated
        case segmentSize = "segment_size"
        case contentType = "content_type"
        case contentEncoding = "content_encoding"
        case contentDisposition = "content_disposition"
        case contentLanguage = "content_language"
        case cacheControl = "cache_control"
        case expires
        case userMetadata = "user_metadata"
        case cannedAcl = "canned_acl"
        case checksumAlgorithm = "checksum_algorithm"
        case checksumType = "checksum_type"
        case sseAlgorithm = "sse_algorithm"
        case keySource = "key_source"
        case encryptedDataKey = "encrypted_data_key"
        case kmsKeyArn = "kms_key_arn"
        case encryptionContext = "encryption_context"
        case userEncryptionContext = "user_encryption_context"
        case bucketKeyEnabled = "bucket_key_enabled"
        case bucketKeyId = "bucket_key_id"
        case keySalt = "key_salt"
    }

    /// The upload's identity as an object id.
    package var objectID: ObjectID {
        get throws { try ObjectID(bytes: identity).orThrow(.corruptObject("bad upload identity")) }
    }

    /// The metadata the completed object will carry.
    package var metadata: ObjectMetadata {
        ObjectMetadata(
            contentType: contentType, contentEncoding: contentEncoding, contentDisposition: contentDisposition,
            contentLanguage: contentLanguage, cacheControl: cacheControl, expires: expires,
            userMetadata: userMetadata, cannedACL: cannedAcl)
    }

    /// How the upload (and the object it becomes) is encrypted, for the SSE response headers.
    package var encryptionInfo: ObjectEncryptionInfo {
        ObjectEncryptionInfo(
            algorithm: SSEAlgorithm(rawValue: sseAlgorithm) ?? .aes256, kmsKeyArn: kmsKeyArn,
            bucketKeyEnabled: bucketKeyEnabled, userContext: userEncryptionContext)
    }

    /// The upload's checksum choice, if any.
    package var checksum: MultipartChecksum? {
        guard let name = checksumAlgorithm, let algorithm = ChecksumAlgorithm(rawValue: name),
            let type = checksumType.flatMap(MultipartChecksum.Kind.init(rawValue:))
        else { return nil }
        return MultipartChecksum(algorithm: algorithm, type: type)
    }
}

extension Optional {
    /// The wrapped value, or `error` thrown.
    func orThrow(_ error: @autoclosure () -> ObjectStoreError) throws(ObjectStoreError) -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

/// The columns from which a stored data key is recovered; objects and uploads both carry them.
protocol StoredKeyColumns {
    var bucket: String { get }
    var keySource: String { get }
    var encryptedDataKey: Data? { get }
    var kmsKeyArn: String? { get }
    var encryptionContext: [String: String]? { get }
    var bucketKeyId: Data? { get }
    var keySalt: Data? { get }
}

extension ObjectRow: StoredKeyColumns {}
