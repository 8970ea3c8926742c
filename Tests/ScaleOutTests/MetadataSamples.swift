import Foundation

@testable import ObjectStore

/// Valid rows of every metadata table, small enough to write by the dozen in the conformance suite.
enum MetadataSamples {
    /// 16 bytes whose first byte is `first` and the rest random: an object, part or upload id.
    static func id(first: UInt8 = UInt8.random(in: 0...255)) -> Data {
        Data([first] + (1..<16).map { _ in UInt8.random(in: 0...255) })
    }

    static func bucket(_ name: String, createdAt: Int64 = 1_700_000_000_000) -> BucketRow {
        BucketRow(
            name: name, createdAt: createdAt, region: "us-east-1", sseAlgorithm: nil, sseKmsKeyId: nil,
            sseBucketKeyEnabled: false)
    }

    /// An SSE-S3 object of `size` bytes in blob files (or inline when `inline`).
    static func object(
        _ bucket: String, _ key: String, size: Int64 = 10, etag: String = "0123456789abcdef0123456789abcdef",
        objectId: Data = id(), inline: Bool = false
    ) -> ObjectRow {
        ObjectRow(
            bucket: bucket, key: key, objectId: objectId, size: size, etag: etag, lastModified: 1_700_000_000_123,
            formatVersion: 1, segmentSize: 65536, contentType: "text/plain", contentEncoding: nil,
            contentDisposition: nil, contentLanguage: nil, cacheControl: nil, expires: nil,
            userMetadata: ["colour": "blue", "ünïcode": "✓"], cannedAcl: nil, checksumCrc32: "AAAAAA==",
            checksumCrc32c: nil, checksumCrc64nvme: nil, checksumSha1: nil, checksumSha256: nil,
            sseAlgorithm: "AES256", keySource: "sse-s3-wrapped", encryptedDataKey: Data(repeating: 7, count: 60),
            kmsKeyArn: nil, encryptionContext: nil, userEncryptionContext: nil, bucketKeyEnabled: false,
            bucketKeyId: nil, keySalt: nil, inlineBlob: inline ? Data(repeating: 9, count: 100) : nil)
    }

    static let kmsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-000000000001"

    /// An object whose data key derives from the bucket key `bucketKeyId`.
    static func bucketKeyObject(_ bucket: String, _ key: String, bucketKeyId: Data) -> ObjectRow {
        var row = object(bucket, key)
        row.sseAlgorithm = "aws:kms"
        row.keySource = "bucket-key-derived"
        row.encryptedDataKey = nil
        row.kmsKeyArn = kmsKeyArn
        row.encryptionContext = ["aws:s3:arn": "arn:aws:s3:::\(bucket)"]
        row.bucketKeyEnabled = true
        row.bucketKeyId = bucketKeyId
        row.keySalt = Data(repeating: 3, count: 32)
        return row
    }

    static func bucketKey(_ bucket: String, id: Data = id()) -> BucketKeyRow {
        BucketKeyRow(
            id: id, bucket: bucket, kmsKeyArn: kmsKeyArn, encryptedKey: Data(repeating: 5, count: 40),
            encryptionContext: ["aws:s3:arn": "arn:aws:s3:::\(bucket)"],
            principalArn: "arn:aws:iam::111122223333:user/test", accountId: "111122223333",
            createdAt: 1_700_000_000_000)
    }

    static func upload(_ bucket: String, _ key: String, initiated: Int64 = 1_700_000_000_000) -> UploadRow {
        let identity = id()
        return UploadRow(
            uploadId: identity.map { String(format: "%02x", $0) }.joined(), identity: identity, bucket: bucket,
            key: key, initiated: initiated, segmentSize: 65536, contentType: nil, contentEncoding: nil,
            contentDisposition: nil, contentLanguage: nil, cacheControl: nil, expires: nil, userMetadata: [:],
            cannedAcl: nil, checksumAlgorithm: nil, checksumType: nil, sseAlgorithm: "AES256",
            keySource: "sse-s3-wrapped", encryptedDataKey: Data(repeating: 7, count: 60), kmsKeyArn: nil,
            encryptionContext: nil, userEncryptionContext: nil, bucketKeyEnabled: false, bucketKeyId: nil,
            keySalt: nil)
    }

    /// A part of `size` bytes whose ETag is `etag` (32 hex digits).
    static func part(_ number: Int, size: Int64 = 100, etag: String? = nil) -> PartRow {
        PartRow(
            uploadId: nil, objectId: nil, partNumber: number, offset: nil, blobId: id(),
            partSalt: Data(repeating: 1, count: 32), size: size,
            etag: etag ?? String(repeating: String(format: "%x", number % 16), count: 32),
            lastModified: 1_700_000_000_000, segmentSize: 65536, checksumCrc32: nil, checksumCrc32c: nil,
            checksumCrc64nvme: nil, checksumSha1: nil, checksumSha256: nil)
    }
}
