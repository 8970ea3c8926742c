import HTTPTypes

extension HTTPField.Name {
    /// `x-amz-id-2`: the host id every S3 response carries beside the request id.
    static let amzId2 = HTTPField.Name("x-amz-id-2")!
    /// `x-amz-server-side-encryption`.
    static let amzServerSideEncryption = HTTPField.Name("x-amz-server-side-encryption")!
    /// `x-amz-server-side-encryption-aws-kms-key-id`.
    static let amzSSEKMSKeyId = HTTPField.Name("x-amz-server-side-encryption-aws-kms-key-id")!
    /// `x-amz-server-side-encryption-context`.
    static let amzSSEContext = HTTPField.Name("x-amz-server-side-encryption-context")!
    /// `x-amz-server-side-encryption-bucket-key-enabled`.
    static let amzSSEBucketKeyEnabled = HTTPField.Name("x-amz-server-side-encryption-bucket-key-enabled")!
    /// `x-amz-server-side-encryption-customer-algorithm` (SSE-C).
    static let amzSSECustomerAlgorithm = HTTPField.Name("x-amz-server-side-encryption-customer-algorithm")!
    /// `x-amz-server-side-encryption-customer-key` (SSE-C).
    static let amzSSECustomerKey = HTTPField.Name("x-amz-server-side-encryption-customer-key")!
    /// `x-amz-acl`: a canned ACL.
    static let amzACL = HTTPField.Name("x-amz-acl")!
    /// `x-amz-copy-source`: makes a PUT a CopyObject.
    static let amzCopySource = HTTPField.Name("x-amz-copy-source")!
    /// `x-amz-copy-source-if-match`.
    static let amzCopySourceIfMatch = HTTPField.Name("x-amz-copy-source-if-match")!
    /// `x-amz-copy-source-if-none-match`.
    static let amzCopySourceIfNoneMatch = HTTPField.Name("x-amz-copy-source-if-none-match")!
    /// `x-amz-copy-source-if-modified-since`.
    static let amzCopySourceIfModifiedSince = HTTPField.Name("x-amz-copy-source-if-modified-since")!
    /// `x-amz-copy-source-if-unmodified-since`.
    static let amzCopySourceIfUnmodifiedSince = HTTPField.Name("x-amz-copy-source-if-unmodified-since")!
    /// `x-amz-copy-source-range`: the bytes an UploadPartCopy copies, `bytes=first-last`.
    static let amzCopySourceRange = HTTPField.Name("x-amz-copy-source-range")!
    /// `x-amz-metadata-directive`: `COPY` (default) or `REPLACE` the source's metadata on CopyObject.
    static let amzMetadataDirective = HTTPField.Name("x-amz-metadata-directive")!
    /// `x-amz-checksum-algorithm`: the checksum a CopyObject computes for the new object.
    static let amzChecksumAlgorithm = HTTPField.Name("x-amz-checksum-algorithm")!
    /// `x-amz-object-attributes`: what GetObjectAttributes returns.
    static let amzObjectAttributes = HTTPField.Name("x-amz-object-attributes")!
    /// `x-amz-max-parts`: how many parts GetObjectAttributes lists.
    static let amzMaxParts = HTTPField.Name("x-amz-max-parts")!
    /// `x-amz-part-number-marker`: the part number GetObjectAttributes lists after.
    static let amzPartNumberMarker = HTTPField.Name("x-amz-part-number-marker")!
    /// `x-amz-decoded-content-length`: the payload length of an aws-chunked body.
    static let amzDecodedContentLength = HTTPField.Name("x-amz-decoded-content-length")!
    /// `x-amz-trailer`: the trailing headers an aws-chunked body ends with.
    static let amzTrailer = HTTPField.Name("x-amz-trailer")!
    /// `x-amz-sdk-checksum-algorithm`.
    static let amzSDKChecksumAlgorithm = HTTPField.Name("x-amz-sdk-checksum-algorithm")!
    /// `x-amz-checksum-mode: ENABLED` asks GET and HEAD for the stored checksums.
    static let amzChecksumMode = HTTPField.Name("x-amz-checksum-mode")!
    /// `x-amz-checksum-crc32`.
    static let amzChecksumCRC32 = HTTPField.Name("x-amz-checksum-crc32")!
    /// `x-amz-checksum-crc32c`.
    static let amzChecksumCRC32C = HTTPField.Name("x-amz-checksum-crc32c")!
    /// `x-amz-checksum-crc64nvme`.
    static let amzChecksumCRC64NVME = HTTPField.Name("x-amz-checksum-crc64nvme")!
    /// `x-amz-checksum-sha1`.
    static let amzChecksumSHA1 = HTTPField.Name("x-amz-checksum-sha1")!
    /// `x-amz-checksum-sha256`.
    static let amzChecksumSHA256 = HTTPField.Name("x-amz-checksum-sha256")!
    /// `Content-MD5`.
    static let contentMD5 = HTTPField.Name("Content-MD5")!
    /// `x-amz-bucket-region`: HeadBucket's answer.
    static let amzBucketRegion = HTTPField.Name("x-amz-bucket-region")!
    /// `x-amz-expected-bucket-owner`.
    static let amzExpectedBucketOwner = HTTPField.Name("x-amz-expected-bucket-owner")!
}
