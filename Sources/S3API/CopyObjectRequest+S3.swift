import HTTPTypes
import ObjectStore

extension CopyObjectRequest {
    /// Decodes a CopyObject's headers: the copy source and its conditions, `x-amz-metadata-directive`, the
    /// destination's metadata and canned ACL, its SSE headers and `x-amz-checksum-algorithm`.
    /// - Throws: `InvalidArgument` for a bad source, directive or checksum algorithm, and what the metadata and
    ///   SSE decoders throw.
    init(s3 headers: HTTPFields, destination: ObjectAddress, requester: DataKeyRequester) throws(S3Error) {
        let source = try CopySource(headers: headers, allowsRange: false)
        self.init(
            source: source.request,
            bucket: destination.bucket,
            key: destination.key,
            metadataDirective: try Self.directive(headers[.amzMetadataDirective]),
            metadata: try ObjectMetadata(s3: headers),
            encryption: try EncryptionRequest(s3: headers),
            checksumAlgorithm: try Self.checksumAlgorithm(headers[.amzChecksumAlgorithm]),
            requester: requester
        )
    }

    private static func directive(_ value: String?) throws(S3Error) -> MetadataDirective {
        guard let value else { return .copy }
        guard let directive = MetadataDirective(rawValue: value) else {
            throw .invalidArgument(
                "Unknown metadata directive.", name: "x-amz-metadata-directive", value: value)
        }
        return directive
    }

    private static func checksumAlgorithm(_ value: String?) throws(S3Error) -> ChecksumAlgorithm? {
        guard let value else { return nil }
        guard let algorithm = ChecksumAlgorithm(rawValue: value.uppercased()), algorithm != .md5 else {
            throw .invalidArgument(
                "Checksum algorithm provided is unsupported. Please try again with any of the valid types: "
                    + "[CRC32, CRC32C, CRC64NVME, SHA1, SHA256]",
                name: "x-amz-checksum-algorithm", value: value)
        }
        return algorithm
    }
}
