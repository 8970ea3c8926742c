import Foundation

extension ObjectStoreError {
    static func noSuchBucket(_ bucket: String) -> Self {
        Self(.noSuchBucket, "The specified bucket does not exist", bucket: bucket)
    }

    static func noSuchKey(_ bucket: String, _ key: String) -> Self {
        Self(.noSuchKey, "The specified key does not exist.", bucket: bucket, key: key)
    }

    static func bucketAlreadyOwnedByYou(_ bucket: String) -> Self {
        Self(
            .bucketAlreadyOwnedByYou,
            "Your previous request to create the named bucket succeeded and you already own it.",
            bucket: bucket
        )
    }

    static func bucketNotEmpty(_ bucket: String) -> Self {
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

    static func corruptObject(_ message: String) -> Self {
        Self(.corruptObject, "Stored object failed verification: \(message)")
    }

    static func internalError(_ message: String) -> Self {
        Self(.internalError, message)
    }

    /// Returns a copy that names the bucket and key, keeping everything else.
    func at(bucket: String, key: String? = nil) -> Self {
        Self(kind, message, bucket: self.bucket ?? bucket, key: self.key ?? key, details: details)
    }
}
