import Foundation

extension ObjectStoreError {
    package static func noSuchBucket(_ bucket: String) -> Self {
        Self(.noSuchBucket, "The specified bucket does not exist", bucket: bucket)
    }

    package static func noSuchKey(_ bucket: String, _ key: String) -> Self {
        Self(.noSuchKey, "The specified key does not exist.", bucket: bucket, key: key)
    }

    package static func bucketAlreadyOwnedByYou(_ bucket: String) -> Self {
        Self(
            .bucketAlreadyOwnedByYou,
            "Your previous request to create the named bucket succeeded and you already own it.",
            bucket: bucket
        )
    }

    package static func bucketNotEmpty(_ bucket: String) -> Self {
        Self(.bucketNotEmpty, "The bucket you tried to delete is not empty", bucket: bucket)
    }

    static func invalidBucketName(_ bucket: String) -> Self {
        Self(.invalidBucketName, "The specified bucket is not valid.", bucket: bucket)
    }

    static func invalidKey(_ bucket: String, _ key: String) -> Self {
        Self(.invalidKey, "Your key is empty or too long.", bucket: bucket, key: key)
    }

    static func invalidArgument(_ message: String, name: String, value: String? = nil) -> Self {
        var details = Details()
        details.argumentName = name
        details.argumentValue = value
        return Self(.invalidArgument, message, details: details)
    }

    static func invalidRequest(_ message: String) -> Self {
        Self(.invalidRequest, message)
    }

    static func invalidRange(size: Int64, requested: String? = nil) -> Self {
        var details = Details()
        details.objectSize = size
        details.rangeRequested = requested
        return Self(.invalidRange, "The requested range is not satisfiable", details: details)
    }

    static func preconditionFailed(_ condition: String) -> Self {
        var details = Details()
        details.condition = condition
        return Self(
            .preconditionFailed, "At least one of the pre-conditions you specified did not hold", details: details)
    }

    static func notModified(etag: String, lastModified: Date) -> Self {
        var details = Details()
        details.etag = etag
        details.lastModified = lastModified
        return Self(.notModified, "Not Modified", details: details)
    }

    static func badDigest(_ algorithm: ChecksumAlgorithm, expected: String, calculated: String) -> Self {
        var details = Details()
        details.checksumAlgorithm = algorithm
        details.expectedDigest = expected
        details.calculatedDigest = calculated
        let message =
            algorithm == .md5
            ? "The Content-MD5 you specified did not match what we received."
            : "The \(algorithm.displayName) you specified did not match the calculated checksum."
        return Self(.badDigest, message, details: details)
    }

    static let invalidDigest = Self(.invalidDigest, "The Content-MD5 you specified was invalid.")

    static func entityTooLarge(limit: Int64) -> Self {
        Self(.entityTooLarge, "Your proposed upload exceeds the maximum allowed size of \(limit) bytes")
    }

    package static func noSuchUpload(_ uploadId: String) -> Self {
        var details = Details()
        details.uploadId = uploadId
        return Self(
            .noSuchUpload,
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted"
                + " or completed.",
            details: details)
    }

    static func invalidPart(_ partNumber: Int) -> Self {
        var details = Details()
        details.partNumber = partNumber
        return Self(
            .invalidPart,
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the"
                + " specified entity tag may not match the part's entity tag.",
            details: details)
    }

    static let invalidPartOrder = Self(
        .invalidPartOrder, "The list of parts was not in ascending order. Parts must be ordered by part number.")

    static func entityTooSmall(partNumber: Int, size: Int64, minimum: Int64) -> Self {
        var details = Details()
        details.partNumber = partNumber
        details.proposedSize = size
        details.minimumSize = minimum
        return Self(
            .entityTooSmall, "Your proposed upload is smaller than the minimum allowed object size.", details: details)
    }

    static let malformedXML = Self(
        .malformedXML, "The XML you provided was not well-formed or did not validate against our published schema")

    static func invalidPartNumber(_ value: Int) -> Self {
        invalidArgument(
            "Part number must be an integer between 1 and 10000, inclusive", name: "partNumber",
            value: String(value))
    }

    static func partNotSatisfiable(_ partNumber: Int, partsCount: Int) -> Self {
        var details = Details()
        details.partNumber = partNumber
        details.partsCount = partsCount
        return Self(.partNotSatisfiable, "The requested partnumber is not satisfiable", details: details)
    }

    static func corruptObject(_ message: String) -> Self {
        Self(.corruptObject, "Stored object failed verification: \(message)")
    }

    public static func internalError(_ message: String) -> Self {
        Self(.internalError, message)
    }

    /// The disk is full; the message is for clients and names no path.
    static let insufficientStorage = Self(
        .insufficientStorage,
        "Insufficient storage: the server's disk is full, so the request was not stored. Retry once space is freed.")

    /// The blob storage is unreachable or failing; the message is for clients and names no endpoint or key.
    public static func storageUnavailable() -> Self {
        Self(.storageUnavailable, "The blob storage is unavailable; nothing was changed. Retry later.")
    }

    /// Returns a copy that names the bucket and key, keeping everything else.
    func at(bucket: String, key: String? = nil) -> Self {
        Self(kind, message, bucket: self.bucket ?? bucket, key: self.key ?? key, details: details)
    }
}

extension ObjectStoreError {
    /// The shared metadata database cannot be reached (S3 `ServiceUnavailable`, 503): nothing was changed.
    package static func metadataUnavailable() -> Self {
        Self(.storageUnavailable, "The metadata database is unavailable; nothing was changed. Retry later.")
    }
}
