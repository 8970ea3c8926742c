import Foundation
import HTTPTypes
public import ObjectStore
import TextCodings

extension S3Error {
    /// The one mapping from the object store's errors to S3's codes and statuses.
    ///
    /// KMS problems take S3's `KMS.<Exception>` codes with the key service's message (400), access denied is
    /// 403 and throttling 503 `SlowDown`; a full disk is 503 `ServiceUnavailable`. Kinds without a client meaning (corrupt objects, internal failures, kinds
    /// added later) become `InternalError` and never leak their description.
    public init(_ error: ObjectStoreError) {
        switch error.kind {
        case .noSuchBucket:
            self = S3Error("NoSuchBucket", .notFound, "The specified bucket does not exist").with(
                "BucketName", error.bucket)
        case .noSuchKey:
            self = S3Error("NoSuchKey", .notFound, "The specified key does not exist.").with("Key", error.key)
        case .bucketAlreadyOwnedByYou:
            self = S3Error("BucketAlreadyOwnedByYou", .conflict, error.message).with("BucketName", error.bucket)
        case .bucketNotEmpty:
            self = S3Error("BucketNotEmpty", .conflict, "The bucket you tried to delete is not empty")
                .with("BucketName", error.bucket)
        case .invalidBucketName:
            self = S3Error("InvalidBucketName", .badRequest, "The specified bucket is not valid.")
                .with("BucketName", error.bucket)
        case .invalidKey:
            self = S3Error("KeyTooLongError", .badRequest, "Your key is too long")
        case .invalidArgument:
            self = .invalidArgument(
                error.message, name: error.details.argumentName, value: error.details.argumentValue)
        case .invalidRequest:
            self = .invalidRequest(error.message)
        case .invalidRange:
            self = S3Error("InvalidRange", .rangeNotSatisfiable, "The requested range is not satisfiable")
                .with("RangeRequested", error.details.rangeRequested)
                .with("ActualObjectSize", error.details.objectSize.map(String.init))
        case .preconditionFailed:
            self = S3Error("PreconditionFailed", .preconditionFailed, error.message)
                .with("Condition", error.details.condition)
        case .notModified:
            self = Self.notModified(error)
        case .badDigest:
            self = Self.badDigest(error)
        case .invalidDigest:
            self = S3Error("InvalidDigest", .badRequest, "The Content-MD5 you specified was invalid.")
        case .entityTooLarge:
            self = S3Error("EntityTooLarge", .badRequest, "Your proposed upload exceeds the maximum allowed size")
        case .insufficientStorage, .storageUnavailable:
            // S3 has no disk-full error. 503 ServiceUnavailable is the S3 code for "not now, retry later": every SDK
            // knows it and retries it a bounded number of times, which suits a condition that freeing space ends.
            self = S3Error("ServiceUnavailable", .serviceUnavailable, error.message)
        default:
            self = Self.multipart(error) ?? Self.kms(error) ?? .internalError
        }
    }

    private static func multipart(_ error: ObjectStoreError) -> S3Error? {
        let details = error.details
        switch error.kind {
        case .noSuchUpload:
            return S3Error("NoSuchUpload", .notFound, error.message).with("UploadId", details.uploadId)
        case .invalidPart:
            return S3Error("InvalidPart", .badRequest, error.message).with(
                "PartNumber", details.partNumber.map(String.init))
        case .invalidPartOrder:
            return S3Error("InvalidPartOrder", .badRequest, error.message)
        case .entityTooSmall:
            return S3Error("EntityTooSmall", .badRequest, error.message)
                .with("ProposedSize", details.proposedSize.map(String.init))
                .with("MinSizeAllowed", details.minimumSize.map(String.init))
                .with("PartNumber", details.partNumber.map(String.init))
        case .malformedXML:
            return .malformedXML
        case .partNotSatisfiable:
            return S3Error("InvalidPartNumber", .rangeNotSatisfiable, error.message)
                .with("PartNumberRequested", details.partNumber.map(String.init))
                .with("ActualPartCount", details.partsCount.map(String.init))
        default:
            return nil
        }
    }

    private static func kms(_ error: ObjectStoreError) -> S3Error? {
        switch error.kind {
        case .kmsNotFound: S3Error("KMS.NotFoundException", .badRequest, error.message)
        case .kmsDisabled: S3Error("KMS.DisabledException", .badRequest, error.message)
        case .kmsInvalidState: S3Error("KMS.KMSInvalidStateException", .badRequest, error.message)
        case .kmsInvalidKeyUsage: S3Error("KMS.InvalidKeyUsageException", .badRequest, error.message)
        case .kmsInvalidCiphertext: S3Error("KMS.InvalidCiphertextException", .badRequest, error.message)
        case .kmsAccessDenied: .accessDenied(error.message.isEmpty ? "Access Denied" : error.message)
        case .kmsThrottled:
            S3Error(
                "SlowDown", .serviceUnavailable, "Please reduce your request rate for operations involving AWS KMS.")
        default: nil
        }
    }

    /// 304: no body, but the validators of the current object.
    private static func notModified(_ error: ObjectStoreError) -> S3Error {
        var result = S3Error("NotModified", .notModified, "Not Modified")
        if let etag = error.details.etag { result.headers[.eTag] = etag }
        if let date = error.details.lastModified { result.headers[.lastModified] = HTTPDate.format(date) }
        return result
    }

    /// `BadDigest`: for `Content-MD5`, AWS reports the expected digest in hex and the calculated one in base64.
    private static func badDigest(_ error: ObjectStoreError) -> S3Error {
        let base = S3Error("BadDigest", .badRequest, error.message)
        guard error.details.checksumAlgorithm == .md5 else { return base }
        let expectedHex = error.details.expectedDigest.flatMap { Data(base64Encoded: $0) }.map { Hex.encode($0) }
        return base.with("ExpectedDigest", expectedHex).with("CalculatedDigest", error.details.calculatedDigest)
    }
}
