public import Foundation

/// An error from the object store domain.
///
/// One type for the whole layer: the S3 wire layer maps it in one place by switching over ``kind``.
/// The struct stays extensible (new kinds do not break exhaustive switches) and `Equatable` for tests.
public struct ObjectStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for mapping to a wire error code.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable {
            case noSuchBucket, noSuchKey, bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName
            case invalidKey, invalidArgument, invalidRequest, invalidRange, preconditionFailed, notModified
            case badDigest, invalidDigest, entityTooLarge
            case noSuchUpload, invalidPart, invalidPartOrder, entityTooSmall, malformedXML, partNotSatisfiable
            case kmsNotFound, kmsDisabled, kmsInvalidState, kmsInvalidKeyUsage, kmsInvalidCiphertext
            case kmsAccessDenied, kmsThrottled, kmsFailure
            case corruptObject, internalError, insufficientStorage, storageUnavailable
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The bucket does not exist (S3 `NoSuchBucket`, 404).
        public static let noSuchBucket = Kind(.noSuchBucket)
        /// The key does not exist (S3 `NoSuchKey`, 404).
        public static let noSuchKey = Kind(.noSuchKey)
        /// The bucket already exists and belongs to this store (S3 `BucketAlreadyOwnedByYou`, 409).
        public static let bucketAlreadyOwnedByYou = Kind(.bucketAlreadyOwnedByYou)
        /// The bucket still holds objects (S3 `BucketNotEmpty`, 409).
        public static let bucketNotEmpty = Kind(.bucketNotEmpty)
        /// The bucket name breaks the naming rules (S3 `InvalidBucketName`, 400).
        public static let invalidBucketName = Kind(.invalidBucketName)
        /// The object key is empty or longer than 1,024 UTF-8 bytes (S3 `KeyTooLongError` / `InvalidArgument`).
        public static let invalidKey = Kind(.invalidKey)
        /// A request argument is invalid; see ``argumentName`` (S3 `InvalidArgument`, 400).
        public static let invalidArgument = Kind(.invalidArgument)
        /// The request is invalid as a whole, e.g. a malformed checksum value (S3 `InvalidRequest`, 400).
        public static let invalidRequest = Kind(.invalidRequest)
        /// The range cannot be satisfied; see ``objectSize`` (S3 `InvalidRange`, 416).
        public static let invalidRange = Kind(.invalidRange)
        /// A precondition (If-Match, If-Unmodified-Since) failed; see ``condition`` (412).
        public static let preconditionFailed = Kind(.preconditionFailed)
        /// If-None-Match or If-Modified-Since says the client's copy is current (304, no body).
        public static let notModified = Kind(.notModified)
        /// A digest or checksum did not match the body (S3 `BadDigest`, 400).
        public static let badDigest = Kind(.badDigest)
        /// `Content-MD5` was not valid base64 of 16 bytes (S3 `InvalidDigest`, 400).
        public static let invalidDigest = Kind(.invalidDigest)
        /// The body exceeds the configured maximum object size (S3 `EntityTooLarge`, 400).
        public static let entityTooLarge = Kind(.entityTooLarge)
        /// The multipart upload does not exist, or was completed or aborted (S3 `NoSuchUpload`, 404).
        public static let noSuchUpload = Kind(.noSuchUpload)
        /// A listed part was never uploaded or its ETag or checksum differs (S3 `InvalidPart`, 400).
        public static let invalidPart = Kind(.invalidPart)
        /// The listed parts are not in strictly ascending order (S3 `InvalidPartOrder`, 400).
        public static let invalidPartOrder = Kind(.invalidPartOrder)
        /// A part other than the last is below the minimum part size (S3 `EntityTooSmall`, 400).
        public static let entityTooSmall = Kind(.entityTooSmall)
        /// A part list is empty or too long (S3 `MalformedXML`, 400).
        public static let malformedXML = Kind(.malformedXML)
        /// `?partNumber=` names a part past the object's last; see ``Details/partsCount`` (S3 `InvalidPartNumber`,
        /// 416).
        public static let partNotSatisfiable = Kind(.partNotSatisfiable)
        /// The key service could not find the key (S3 `KMS.NotFoundException`, 400).
        public static let kmsNotFound = Kind(.kmsNotFound)
        /// The KMS key is disabled (S3 `KMS.DisabledException`, 400).
        public static let kmsDisabled = Kind(.kmsDisabled)
        /// The KMS key is in the wrong state, e.g. pending deletion (S3 `KMS.KMSInvalidStateException`, 400).
        public static let kmsInvalidState = Kind(.kmsInvalidState)
        /// The KMS key cannot be used for data keys (S3 `KMS.InvalidKeyUsageException`, 400).
        public static let kmsInvalidKeyUsage = Kind(.kmsInvalidKeyUsage)
        /// The key service rejected a stored encrypted data key (S3 `KMS.InvalidCiphertextException`, 400).
        public static let kmsInvalidCiphertext = Kind(.kmsInvalidCiphertext)
        /// The requester may not use the KMS key (S3 `AccessDenied`, 403).
        public static let kmsAccessDenied = Kind(.kmsAccessDenied)
        /// The key service throttled the request (S3 `SlowDown`, 503).
        public static let kmsThrottled = Kind(.kmsThrottled)
        /// The key service failed in another way (S3 `KMS.KMSInternalException`, 500).
        public static let kmsFailure = Kind(.kmsFailure)
        /// The stored object failed authentication or is missing: never served (S3 `InternalError`, 500).
        public static let corruptObject = Kind(.corruptObject)
        /// An unexpected failure (S3 `InternalError`, 500).
        public static let internalError = Kind(.internalError)
        /// The disk is full or the quota used up (`ENOSPC`, `EDQUOT`, `SQLITE_FULL`): nothing was stored, and freeing
        /// space fixes it (S3 `ServiceUnavailable`, 503).
        public static let insufficientStorage = Kind(.insufficientStorage)
        /// The blob storage cannot be reached or fails for now (a restarting S3 backend): nothing was stored or
        /// served, and retrying later works (S3 `ServiceUnavailable`, 503).
        public static let storageUnavailable = Kind(.storageUnavailable)

        /// The kind's name, e.g. `noSuchKey`.
        public var description: String { code.rawValue }
    }

    /// What went wrong.
    public let kind: Kind
    /// The bucket the error is about, if any.
    public let bucket: String?
    /// The key the error is about, if any.
    public let key: String?
    /// A human-readable message. Safe to return to clients; it never holds key material.
    public let message: String
    /// Extra values the wire layer may render (argument name, digests, sizes).
    public let details: Details

    /// Extra values some errors carry.
    public struct Details: Sendable, Equatable {
        /// For ``Kind/invalidArgument``: the offending argument (S3 `ArgumentName`).
        public var argumentName: String?
        /// For ``Kind/invalidArgument``: the offending value (S3 `ArgumentValue`).
        public var argumentValue: String?
        /// For ``Kind/invalidRange``: the object size (S3 `ActualObjectSize`).
        public var objectSize: Int64?
        /// For ``Kind/invalidRange``: the range as requested, e.g. `bytes=10-20` (S3 `RangeRequested`).
        public var rangeRequested: String?
        /// For ``Kind/preconditionFailed``: the failed condition, e.g. `If-Match` (S3 `Condition`).
        public var condition: String?
        /// For ``Kind/badDigest``: the algorithm whose digest did not match.
        public var checksumAlgorithm: ChecksumAlgorithm?
        /// For ``Kind/badDigest``: the digest the client sent, as sent (base64).
        public var expectedDigest: String?
        /// For ``Kind/badDigest``: the digest the store computed (base64).
        public var calculatedDigest: String?

        /// For ``Kind/noSuchUpload``: the upload id (S3 `UploadId`).
        public var uploadId: String?
        /// For ``Kind/invalidPart``, ``Kind/entityTooSmall`` and ``Kind/partNotSatisfiable``: the part number
        /// (S3 `PartNumber`, `PartNumberRequested`).
        public var partNumber: Int?
        /// For ``Kind/partNotSatisfiable``: how many parts the object has (S3 `ActualPartCount`).
        public var partsCount: Int?
        /// For ``Kind/entityTooSmall``: the part's size and the minimum (S3 `ProposedSize`, `MinSizeAllowed`).
        public var proposedSize: Int64?
        /// For ``Kind/entityTooSmall``: the configured minimum part size.
        public var minimumSize: Int64?

        /// For ``Kind/notModified``: the object's quoted ETag, for the 304 response headers.
        public var etag: String?
        /// For ``Kind/notModified``: the object's last-modified time, for the 304 response headers.
        public var lastModified: Date?

        /// No details.
        public init() {}
    }

    init(_ kind: Kind, _ message: String, bucket: String? = nil, key: String? = nil, details: Details = Details()) {
        self.kind = kind
        self.message = message
        self.bucket = bucket
        self.key = key
        self.details = details
    }

    /// A description for logs: kind, bucket, key and message.
    public var description: String {
        var text = "ObjectStoreError.\(kind)"
        if let bucket { text += " bucket=\(bucket)" }
        if let key { text += " key=\(key)" }
        return text + ": \(message)"
    }
}
