import HTTPTypes
import ObjectStore

extension HTTPField.Name {
    /// `x-amz-checksum-algorithm`: CreateMultipartUpload's checksum choice.
    static let amzChecksumAlgorithm = HTTPField.Name("x-amz-checksum-algorithm")!
    /// `x-amz-checksum-type`: `COMPOSITE` or `FULL_OBJECT`.
    static let amzChecksumType = HTTPField.Name("x-amz-checksum-type")!
    /// `x-amz-mp-parts-count`.
    static let amzMPPartsCount = HTTPField.Name("x-amz-mp-parts-count")!
}

extension CreateMultipartUploadRequest {
    /// Decodes CreateMultipartUpload's headers: content headers, `x-amz-meta-*`, ACL, SSE and checksum choice.
    init(s3 headers: HTTPFields, address: ObjectAddress, requester: DataKeyRequester) throws {
        let algorithm = try headers[.amzChecksumAlgorithm].map { name throws(S3Error) -> ChecksumAlgorithm in
            guard let algorithm = ChecksumAlgorithm(rawValue: name.uppercased()), algorithm != .md5 else {
                throw .invalidRequest("Checksum algorithm provided is unsupported.")
            }
            return algorithm
        }
        self.init(
            bucket: address.bucket, key: address.key, metadata: try ObjectMetadata(s3: headers),
            encryption: try EncryptionRequest(s3: headers),
            checksum: try MultipartChecksum.resolve(algorithm: algorithm, type: headers[.amzChecksumType]),
            requester: requester)
    }
}

extension S3Call {
    /// The `uploadId` query parameter, as an upload of `object`.
    func upload(_ object: ObjectAddress) -> UploadAddress {
        UploadAddress(bucket: object.bucket, key: object.key, uploadId: query["uploadId"] ?? "")
    }

    /// The `partNumber` query parameter: an integer from 1 to 10,000, else `InvalidArgument`.
    func partNumber() throws(S3Error) -> Int {
        let value = query["partNumber"] ?? ""
        guard let number = Int(value), (1...10_000).contains(number) else {
            throw .invalidArgument(
                "Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: value)
        }
        return number
    }

    /// A non-negative integer query parameter (`max-parts`, `max-uploads`, `part-number-marker`), or `fallback`.
    func count(_ name: String, fallback: Int) throws(S3Error) -> Int {
        guard let value = query[name] else { return fallback }
        guard let number = Int(value), number >= 0 else {
            throw .invalidArgument("Provided \(name) not an integer or within integer range", name: name, value: value)
        }
        return number
    }
}
