public import Foundation

/// A PutObject: where to store, what metadata, which encryption, and which digests to verify.
public struct PutObjectRequest: Sendable {
    /// The bucket.
    public var bucket: String
    /// The key, 1 to 1,024 UTF-8 bytes.
    public var key: String
    /// Content headers, `x-amz-meta-*` and the canned ACL.
    public var metadata: ObjectMetadata
    /// The SSE headers; absent fields fall back to the bucket default.
    public var encryption: EncryptionRequest
    /// `Content-MD5` as sent (base64). Malformed: `invalidDigest`; mismatch: `badDigest`.
    public var contentMD5: String?
    /// `x-amz-checksum-*` / trailer checksums to compute, verify and store.
    public var checksums: [ChecksumRequest]
    /// The declared body length, if known, to reject oversized bodies before reading them.
    public var contentLength: Int64?
    /// Who is writing, passed to the ``DataKeyProvider``.
    public var requester: DataKeyRequester
    /// `If-None-Match: *` and `If-Match`, checked atomically with the commit.
    public var writeConditions: WriteConditions

    /// Creates a request.
    public init(
        bucket: String,
        key: String,
        metadata: ObjectMetadata = ObjectMetadata(),
        encryption: EncryptionRequest = .bucketDefault,
        contentMD5: String? = nil,
        checksums: [ChecksumRequest] = [],
        contentLength: Int64? = nil,
        requester: DataKeyRequester,
        writeConditions: WriteConditions = .none
    ) {
        self.bucket = bucket
        self.key = key
        self.metadata = metadata
        self.encryption = encryption
        self.contentMD5 = contentMD5
        self.checksums = checksums
        self.contentLength = contentLength
        self.requester = requester
        self.writeConditions = writeConditions
    }
}

/// What a successful PutObject reports.
public struct PutObjectResult: Sendable, Hashable {
    /// The quoted ETag (hex MD5 of the plaintext).
    public var etag: String
    /// The stored size.
    public var size: Int64
    /// The commit time.
    public var lastModified: Date
    /// The computed checksums that were requested.
    public var checksums: ObjectChecksums
    /// How the object is encrypted, for the SSE response headers.
    public var encryption: ObjectEncryptionInfo
    /// Always `nil`: buckets are unversioned.
    public var versionId: String?
}
