public import Foundation

/// A CreateMultipartUpload: the object's metadata, encryption and checksum are all decided here.
public struct CreateMultipartUploadRequest: Sendable {
    /// The bucket.
    public var bucket: String
    /// The key of the object the upload becomes.
    public var key: String
    /// Content headers, `x-amz-meta-*` and the canned ACL of the future object.
    public var metadata: ObjectMetadata
    /// The SSE headers; absent fields fall back to the bucket default.
    public var encryption: EncryptionRequest
    /// `x-amz-checksum-algorithm` / `x-amz-checksum-type`, resolved with ``MultipartChecksum/resolve(algorithm:type:)``.
    public var checksum: MultipartChecksum?
    /// Who is writing, passed to the ``DataKeyProvider``.
    public var requester: DataKeyRequester

    /// Creates a request.
    public init(
        bucket: String, key: String, metadata: ObjectMetadata = ObjectMetadata(),
        encryption: EncryptionRequest = .bucketDefault, checksum: MultipartChecksum? = nil,
        requester: DataKeyRequester
    ) {
        self.bucket = bucket
        self.key = key
        self.metadata = metadata
        self.encryption = encryption
        self.checksum = checksum
        self.requester = requester
    }
}

/// An upload in progress, as CreateMultipartUpload answers and ListMultipartUploads lists it.
public struct MultipartUploadInfo: Sendable, Hashable {
    /// The opaque upload id.
    public var uploadId: String
    /// The bucket.
    public var bucket: String
    /// The key.
    public var key: String
    /// When the upload was created.
    public var initiated: Date
    /// How every part (and the object) is encrypted.
    public var encryption: ObjectEncryptionInfo
    /// The checksum the upload declared.
    public var checksum: MultipartChecksum?
}

/// Names an upload in progress.
public struct UploadAddress: Sendable, Hashable {
    /// The bucket.
    public var bucket: String
    /// The key.
    public var key: String
    /// The upload id.
    public var uploadId: String

    /// Creates an address.
    public init(bucket: String, key: String, uploadId: String) {
        self.bucket = bucket
        self.key = key
        self.uploadId = uploadId
    }
}

/// An UploadPart: one part's bytes and the digests to verify.
public struct UploadPartRequest: Sendable {
    /// The upload.
    public var upload: UploadAddress
    /// The part number, 1 to 10,000.
    public var partNumber: Int
    /// `Content-MD5` as sent (base64).
    public var contentMD5: String?
    /// `x-amz-checksum-*` / trailer checksums to compute, verify and store.
    public var checksums: [ChecksumRequest]
    /// The declared body length, if known.
    public var contentLength: Int64?
    /// Who is writing, passed to the ``DataKeyProvider`` (one `decryptDataKey` for SSE-KMS).
    public var requester: DataKeyRequester

    /// Creates a request.
    public init(
        upload: UploadAddress, partNumber: Int, contentMD5: String? = nil, checksums: [ChecksumRequest] = [],
        contentLength: Int64? = nil, requester: DataKeyRequester
    ) {
        self.upload = upload
        self.partNumber = partNumber
        self.contentMD5 = contentMD5
        self.checksums = checksums
        self.contentLength = contentLength
        self.requester = requester
    }
}

/// What a stored part reports (UploadPart's answer and ListParts' entries).
public struct PartInfo: Sendable, Hashable {
    /// The part number.
    public var partNumber: Int
    /// The quoted hex MD5 of the part.
    public var etag: String
    /// The part's size.
    public var size: Int64
    /// When the part was stored.
    public var lastModified: Date
    /// The part's checksums.
    public var checksums: ObjectChecksums
}

/// What UploadPart and UploadPartCopy report.
public struct UploadPartResult: Sendable, Hashable {
    /// The stored part.
    public var part: PartInfo
    /// How the upload encrypts its parts, for the SSE response headers.
    public var encryption: ObjectEncryptionInfo
}

/// A CompleteMultipartUpload.
public struct CompleteMultipartUploadRequest: Sendable {
    /// The upload.
    public var upload: UploadAddress
    /// The parts, as listed in the request body.
    public var parts: [CompletedPart]
    /// `If-Match` / `If-None-Match` against the key's current object (conditional write).
    public var conditions: ObjectConditions
    /// Who is completing.
    public var requester: DataKeyRequester

    /// Creates a request.
    public init(
        upload: UploadAddress, parts: [CompletedPart], conditions: ObjectConditions = ObjectConditions(),
        requester: DataKeyRequester
    ) {
        self.upload = upload
        self.parts = parts
        self.conditions = conditions
        self.requester = requester
    }
}

/// What CompleteMultipartUpload reports.
public struct CompleteMultipartUploadResult: Sendable, Hashable {
    /// The quoted multipart ETag, `"<hex>-N"`.
    public var etag: String
    /// The object size.
    public var size: Int64
    /// The object checksum, when the upload declared one.
    public var checksums: ObjectChecksums
    /// Composite or full-object, when there is a checksum.
    public var checksumType: MultipartChecksum.Kind?
    /// How the object is encrypted.
    public var encryption: ObjectEncryptionInfo
}

/// A ListParts page.
public struct ListPartsResult: Sendable, Hashable {
    /// The upload.
    public var upload: MultipartUploadInfo
    /// The parts after the marker, by part number.
    public var parts: [PartInfo]
    /// Whether more parts follow.
    public var isTruncated: Bool
    /// The marker of the next page, when truncated.
    public var nextPartNumberMarker: Int?
}

/// A ListMultipartUploads request.
public struct ListUploadsRequest: Sendable, Hashable {
    /// Only keys starting with this.
    public var prefix: String
    /// Roll keys up to the first occurrence of this after the prefix.
    public var delimiter: String?
    /// List uploads of keys after this one (or of this key after `uploadIdMarker`).
    public var keyMarker: String?
    /// With `keyMarker`: list that key's uploads after this one.
    public var uploadIdMarker: String?
    /// At most this many uploads plus prefixes (capped at 1,000).
    public var maxUploads: Int

    /// Creates a request.
    public init(
        prefix: String = "", delimiter: String? = nil, keyMarker: String? = nil, uploadIdMarker: String? = nil,
        maxUploads: Int = 1000
    ) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.keyMarker = keyMarker
        self.uploadIdMarker = uploadIdMarker
        self.maxUploads = maxUploads
    }
}

/// A ListMultipartUploads page.
public struct ListUploadsResult: Sendable, Hashable {
    /// The uploads, by key then initiation time.
    public var uploads: [MultipartUploadInfo]
    /// The common prefixes, in order.
    public var commonPrefixes: [String]
    /// Whether more follow.
    public var isTruncated: Bool
    /// Where the next page starts, when truncated.
    public var nextKeyMarker: String?
    /// Where the next page starts, when truncated.
    public var nextUploadIdMarker: String?
}
