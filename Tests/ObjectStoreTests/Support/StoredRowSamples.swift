import Foundation

@testable import ObjectStore

/// Rows exercising every column of `buckets`, `objects` and `uploads`, whose stored values (as GRDB's Codable
/// bridge wrote them before the hand-written row codecs) are pinned in `StoredRowLiterals`.
enum StoredRowSamples {
    static let kmsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let bucketKeyId = Data((0..<16).map { UInt8(0xB0 + $0) })

    /// Metadata whose JSON needs escapes, non-ASCII text and a key order that differs between plain and
    /// case-insensitive or numeric sorting.
    static let userMetadata: [String: String] = [
        "zeta": "last", "Alpha": "Ünïcødé ☃ 日本語 🙂", "a10": "ten", "a2": "two/slash", "b": "",
        "quote": "\"back\\slash\"\n\t\u{1}", "élan": "ça",
    ]

    /// Default encryption configured (SSE-KMS with a key and Bucket Keys).
    static let configuredBucket = BucketRow(
        name: "bucket1", createdAt: 1_700_000_000_123, region: "eu-central-1", sseAlgorithm: "aws:kms",
        sseKmsKeyId: "alias/ünïcode-key", sseBucketKeyEnabled: true)

    /// Default encryption never configured.
    static let plainBucket = BucketRow(
        name: "bucket2", createdAt: 1_600_000_000_000, region: "us-east-1", sseAlgorithm: nil, sseKmsKeyId: nil,
        sseBucketKeyEnabled: false)

    /// The bucket key `bucketKeyObject` derives from (the schema's trigger requires it).
    static let bucketKey = BucketKeyRow(
        id: bucketKeyId, bucket: "bucket1", kmsKeyArn: kmsKeyArn, encryptedKey: Data([1, 2, 3, 4]),
        encryptionContext: ["aws:s3:arn": "arn:aws:s3:::bucket1"], principalArn: "arn:aws:iam::111122223333:root",
        accountId: "111122223333", createdAt: 1_700_000_000_000)

    /// SSE-KMS, every optional column set, multipart fields set.
    static let kmsObject = ObjectRow(
        bucket: "bucket1", key: "dir/ключ ☃ 'quoted'.txt", objectId: Data((0..<16).map { UInt8($0) }),
        size: 9_876_543_210, etag: "0123456789abcdef0123456789abcdef-3", lastModified: 1_700_000_000_456,
        formatVersion: 1, segmentSize: 65_536, contentType: "text/plain; charset=utf-8", contentEncoding: "gzip",
        contentDisposition: "attachment; filename=\"ä b.txt\"", contentLanguage: "de-CH",
        cacheControl: "max-age=60", expires: "Wed, 21 Oct 2015 07:28:00 GMT", userMetadata: userMetadata,
        cannedAcl: "public-read", checksumCrc32: "AAECAw==", checksumCrc32c: "BAUGBw==",
        checksumCrc64nvme: "CAkKCwwNDg8=", checksumSha1: "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=",
        checksumSha256: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", sseAlgorithm: "aws:kms",
        keySource: "kms-data-key", encryptedDataKey: Data((0..<48).map { UInt8(255 - $0) }), kmsKeyArn: kmsKeyArn,
        encryptionContext: ["aws:s3:arn": "arn:aws:s3:::bucket1/dir/ключ ☃ 'quoted'.txt", "team": "blüe/green"],
        userEncryptionContext: ["team": "blüe/green"], bucketKeyEnabled: true, bucketKeyId: nil, keySalt: nil,
        partsCount: 3, checksumType: "COMPOSITE")

    /// SSE-KMS through a bucket key: the bucket key id and salt set, no data key.
    static let bucketKeyObject = ObjectRow(
        bucket: "bucket1", key: "bk", objectId: Data((0..<16).map { UInt8(0x40 + $0) }), size: 0,
        etag: "d41d8cd98f00b204e9800998ecf8427e", lastModified: 0, formatVersion: 1, segmentSize: 1024,
        contentType: nil, contentEncoding: nil, contentDisposition: nil, contentLanguage: nil, cacheControl: nil,
        expires: nil, userMetadata: ["k": "v"], cannedAcl: nil, checksumCrc32: nil, checksumCrc32c: nil,
        checksumCrc64nvme: nil, checksumSha1: nil, checksumSha256: nil, sseAlgorithm: "aws:kms",
        keySource: "bucket-key-derived", encryptedDataKey: nil, kmsKeyArn: kmsKeyArn,
        encryptionContext: ["aws:s3:arn": "arn:aws:s3:::bucket1"], userEncryptionContext: [:],
        bucketKeyEnabled: true, bucketKeyId: bucketKeyId, keySalt: Data((0..<32).map { UInt8(0x80 + $0) }))

    /// SSE-S3 with every optional column nil that the schema allows to be.
    static let minimalObject = ObjectRow(
        bucket: "bucket2", key: "a", objectId: Data(repeating: 0xEE, count: 16), size: 1,
        etag: "0cc175b9c0f1b6a831c399e269772661", lastModified: -1, formatVersion: 1, segmentSize: 1,
        contentType: nil, contentEncoding: nil, contentDisposition: nil, contentLanguage: nil, cacheControl: nil,
        expires: nil, userMetadata: [:], cannedAcl: nil, checksumCrc32: nil, checksumCrc32c: nil,
        checksumCrc64nvme: nil, checksumSha1: nil, checksumSha256: nil, sseAlgorithm: "AES256",
        keySource: "sse-s3-wrapped", encryptedDataKey: Data([0]), kmsKeyArn: nil, encryptionContext: nil,
        userEncryptionContext: nil, bucketKeyEnabled: false, bucketKeyId: nil, keySalt: nil)

    /// An SSE-KMS upload with every optional column set.
    static let kmsUpload = UploadRow(
        uploadId: "000102030405060708090a0b0c0d0e0f", identity: Data((0..<16).map { UInt8($0) }), bucket: "bucket1",
        key: "dir/ключ ☃.bin", initiated: 1_700_000_000_789, segmentSize: 4096, contentType: "application/x-ü",
        contentEncoding: "br", contentDisposition: "inline", contentLanguage: "fr", cacheControl: "no-cache",
        expires: "0", userMetadata: userMetadata, cannedAcl: "private", checksumAlgorithm: "CRC64NVME",
        checksumType: "FULL_OBJECT", sseAlgorithm: "aws:kms", keySource: "kms-data-key",
        encryptedDataKey: Data([9, 8, 7]), kmsKeyArn: kmsKeyArn,
        encryptionContext: ["aws:s3:arn": "arn:aws:s3:::bucket1/dir/ключ ☃.bin"], userEncryptionContext: ["x": "y"],
        bucketKeyEnabled: false, bucketKeyId: nil, keySalt: nil)

    /// An SSE-S3 upload with the optional columns nil.
    static let minimalUpload = UploadRow(
        uploadId: "ffeeddccbbaa99887766554433221100", identity: Data(repeating: 0xFF, count: 16), bucket: "bucket2",
        key: "m", initiated: 1, segmentSize: 1024, contentType: nil, contentEncoding: nil, contentDisposition: nil,
        contentLanguage: nil, cacheControl: nil, expires: nil, userMetadata: [:], cannedAcl: nil,
        checksumAlgorithm: nil, checksumType: nil, sseAlgorithm: "AES256", keySource: "sse-s3-wrapped",
        encryptedDataKey: Data([1]), kmsKeyArn: nil, encryptionContext: nil, userEncryptionContext: nil,
        bucketKeyEnabled: false, bucketKeyId: nil, keySalt: nil)
}
