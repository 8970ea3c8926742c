/// A whole-object checksum S3 clients can ask for (`x-amz-checksum-*`), plus MD5 for `Content-MD5`.
public enum ChecksumAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// MD5, the ETag and `Content-MD5` digest; always computed.
    case md5 = "MD5"
    /// CRC-32 (ISO-HDLC, as zlib computes it).
    case crc32 = "CRC32"
    /// CRC-32C (Castagnoli).
    case crc32c = "CRC32C"
    /// CRC-64/NVME.
    case crc64nvme = "CRC64NVME"
    /// SHA-1.
    case sha1 = "SHA1"
    /// SHA-256.
    case sha256 = "SHA256"

    /// The name S3 uses in messages, e.g. `CRC32`.
    public var displayName: String { rawValue }

    /// The digest length in bytes.
    var digestSize: Int {
        switch self {
        case .md5: 16
        case .crc32, .crc32c: 4
        case .crc64nvme: 8
        case .sha1: 20
        case .sha256: 32
        }
    }
}

/// The checksums stored with an object, each base64 as S3 returns it.
public struct ObjectChecksums: Sendable, Hashable {
    /// `x-amz-checksum-crc32`.
    public var crc32: String?
    /// `x-amz-checksum-crc32c`.
    public var crc32c: String?
    /// `x-amz-checksum-crc64nvme`.
    public var crc64nvme: String?
    /// `x-amz-checksum-sha1`.
    public var sha1: String?
    /// `x-amz-checksum-sha256`.
    public var sha256: String?

    /// No checksums.
    public init(
        crc32: String? = nil,
        crc32c: String? = nil,
        crc64nvme: String? = nil,
        sha1: String? = nil,
        sha256: String? = nil
    ) {
        self.crc32 = crc32
        self.crc32c = crc32c
        self.crc64nvme = crc64nvme
        self.sha1 = sha1
        self.sha256 = sha256
    }

    /// The value for `algorithm`, if stored.
    public subscript(algorithm: ChecksumAlgorithm) -> String? {
        get {
            switch algorithm {
            case .md5: nil
            case .crc32: crc32
            case .crc32c: crc32c
            case .crc64nvme: crc64nvme
            case .sha1: sha1
            case .sha256: sha256
            }
        }
        set {
            switch algorithm {
            case .md5: break
            case .crc32: crc32 = newValue
            case .crc32c: crc32c = newValue
            case .crc64nvme: crc64nvme = newValue
            case .sha1: sha1 = newValue
            case .sha256: sha256 = newValue
            }
        }
    }
}

/// A checksum the client wants verified (or just computed and stored) on PUT.
public struct ChecksumRequest: Sendable {
    /// Where the expected value comes from.
    public enum Expected: Sendable {
        /// Compute and store only (`x-amz-sdk-checksum-algorithm` without a value).
        case none
        /// A value known before the body, e.g. the `x-amz-checksum-crc32` header (base64).
        case value(String)
        /// A value that arrives after the body, e.g. an aws-chunked trailer; read once the body ends.
        case trailer(@Sendable () async throws -> String?)
    }

    /// The algorithm; `.md5` is not valid here (use `PutObjectRequest.contentMD5`).
    public var algorithm: ChecksumAlgorithm
    /// The expected value.
    public var expected: Expected

    /// Creates a checksum request.
    public init(_ algorithm: ChecksumAlgorithm, expected: Expected = .none) {
        self.algorithm = algorithm
        self.expected = expected
    }
}
