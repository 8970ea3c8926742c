/// A CopyObject: the source, the destination, and what the new object keeps or takes from the request.
///
/// The new object's encryption comes from ``encryption`` (the copy request's SSE headers), else from the
/// destination bucket's default, never from the source, as on AWS: a copy decrypts the source and re-encrypts
/// under a new data key.
public struct CopyObjectRequest: Sendable {
    /// `x-amz-metadata-directive`.
    public enum MetadataDirective: String, Sendable, Hashable {
        /// Keep the source's content headers and user metadata (the default).
        case copy = "COPY"
        /// Take them from the request.
        case replace = "REPLACE"
    }

    /// The object to copy, with its `x-amz-copy-source-if-*` conditions.
    public var source: CopySourceRequest
    /// The destination bucket.
    public var bucket: String
    /// The destination key.
    public var key: String
    /// Whether content headers and user metadata come from the source or from ``metadata``.
    public var metadataDirective: MetadataDirective
    /// The request's metadata: used whole with ``MetadataDirective/replace``; its canned ACL applies with either
    /// directive (a copy never inherits the source's ACL).
    public var metadata: ObjectMetadata
    /// The SSE headers of the copy request; absent fields fall back to the destination bucket's default.
    public var encryption: EncryptionRequest
    /// `x-amz-checksum-algorithm`; `nil` computes the algorithms the source has checksums for.
    public var checksumAlgorithm: ChecksumAlgorithm?
    /// Who is copying: the source's key is decrypted and the destination's generated on their behalf.
    public var requester: DataKeyRequester

    /// Creates a request; by default it copies the metadata and uses the destination bucket's encryption.
    public init(
        source: CopySourceRequest,
        bucket: String,
        key: String,
        metadataDirective: MetadataDirective = .copy,
        metadata: ObjectMetadata = ObjectMetadata(),
        encryption: EncryptionRequest = .bucketDefault,
        checksumAlgorithm: ChecksumAlgorithm? = nil,
        requester: DataKeyRequester
    ) {
        self.source = source
        self.bucket = bucket
        self.key = key
        self.metadataDirective = metadataDirective
        self.metadata = metadata
        self.encryption = encryption
        self.checksumAlgorithm = checksumAlgorithm
        self.requester = requester
    }

    static let copyOntoItselfMessage =
        "This copy request is illegal because it is trying to copy an object to itself without changing the "
        + "object's metadata, storage class, website redirect location or encryption attributes."

    /// A copy onto itself must change something: the metadata (`REPLACE`) or the encryption (any SSE header).
    func checkChangesSomething() throws(ObjectStoreError) {
        guard source.bucket == bucket, source.key == key else { return }
        guard metadataDirective == .copy, encryption == .bucketDefault else { return }
        throw .invalidRequest(Self.copyOntoItselfMessage)
    }

    /// The PUT that writes the destination from a source described by `info`.
    func destinationRequest(source info: ObjectInfo) -> PutObjectRequest {
        var metadata = metadataDirective == .copy ? info.metadata : self.metadata
        metadata.cannedACL = self.metadata.cannedACL
        let algorithms =
            checksumAlgorithm.map { [$0] } ?? ChecksumAlgorithm.allCases.filter { info.checksums[$0] != nil }
        return PutObjectRequest(
            bucket: bucket,
            key: key,
            metadata: metadata,
            encryption: encryption,
            checksums: algorithms.map { ChecksumRequest($0) },
            contentLength: info.size,
            requester: requester
        )
    }
}
