public import Foundation

/// Everything GET and HEAD report about a stored object (no key material).
public struct ObjectInfo: Sendable, Hashable {
    /// The bucket.
    public var bucket: String
    /// The key.
    public var key: String
    /// The plaintext size in bytes.
    public var size: Int64
    /// The quoted entity tag: the hex MD5 of the plaintext, e.g. `"9e107d9d372bb6826bd81d3542a419d6"`.
    public var etag: String
    /// When the object was written (millisecond precision).
    public var lastModified: Date
    /// Always `nil`: buckets are unversioned (S3 reports version id `null`).
    public var versionId: String?
    /// Content headers, user metadata and ACL.
    public var metadata: ObjectMetadata
    /// The stored checksums.
    public var checksums: ObjectChecksums
    /// How the object is encrypted at rest.
    public var encryption: ObjectEncryptionInfo
    /// For a multipart object, its number of parts (`x-amz-mp-parts-count`); nil otherwise.
    public var partsCount: Int? = nil
    /// For a multipart object with a checksum, `COMPOSITE` or `FULL_OBJECT` (`x-amz-checksum-type`).
    public var checksumType: MultipartChecksum.Kind? = nil
}

extension ObjectInfo {
    /// Builds the public view of a row.
    init(_ row: ObjectRow) {
        self.init(
            bucket: row.bucket,
            key: row.key,
            size: row.size,
            etag: "\"\(row.etag)\"",
            lastModified: Date(millisecondsSince1970: row.lastModified),
            versionId: nil,
            metadata: ObjectMetadata(
                contentType: row.contentType,
                contentEncoding: row.contentEncoding,
                contentDisposition: row.contentDisposition,
                contentLanguage: row.contentLanguage,
                cacheControl: row.cacheControl,
                expires: row.expires,
                userMetadata: row.userMetadata,
                cannedACL: row.cannedAcl
            ),
            checksums: ObjectChecksums(
                crc32: row.checksumCrc32,
                crc32c: row.checksumCrc32c,
                crc64nvme: row.checksumCrc64nvme,
                sha1: row.checksumSha1,
                sha256: row.checksumSha256
            ),
            encryption: ObjectEncryptionInfo(
                algorithm: SSEAlgorithm(rawValue: row.sseAlgorithm) ?? .aes256,
                kmsKeyArn: row.kmsKeyArn,
                bucketKeyEnabled: row.bucketKeyEnabled,
                userContext: row.userEncryptionContext
            )
        )
        self.partsCount = row.partsCount
        self.checksumType = row.checksumType.flatMap(MultipartChecksum.Kind.init(rawValue:))
    }
}

extension Date {
    /// A date from integer milliseconds since 1970.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Integer milliseconds since 1970, truncated.
    var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded(.down))
    }
}
