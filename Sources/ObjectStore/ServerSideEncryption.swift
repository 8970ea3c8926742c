/// A server-side encryption algorithm, as named by `x-amz-server-side-encryption`.
public enum SSEAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// SSE-S3: a store-owned key wraps the data key; no KMS calls.
    case aes256 = "AES256"
    /// SSE-KMS: the ``DataKeyProvider`` generates and decrypts the data key.
    case awsKMS = "aws:kms"
}

/// A bucket's default encryption (PutBucketEncryption / GetBucketEncryption).
public struct BucketEncryption: Sendable, Hashable {
    /// The default algorithm for objects written without SSE headers.
    public var algorithm: SSEAlgorithm
    /// The default KMS key (id, ARN, alias) for `aws:kms`, echoed as given; `nil` means `alias/aws/s3`.
    public var kmsMasterKeyId: String?
    /// Whether new SSE-KMS objects use a bucket key by default.
    public var bucketKeyEnabled: Bool

    /// The configuration of a bucket that was never configured: SSE-S3, no bucket key.
    public static let `default` = BucketEncryption(algorithm: .aes256)

    /// Creates a configuration.
    public init(algorithm: SSEAlgorithm, kmsMasterKeyId: String? = nil, bucketKeyEnabled: Bool = false) {
        self.algorithm = algorithm
        self.kmsMasterKeyId = kmsMasterKeyId
        self.bucketKeyEnabled = bucketKeyEnabled
    }
}

/// The encryption a PUT asks for, shaped like the SSE request headers. Every field may be absent.
///
/// The store resolves it against the bucket default as S3 does (protocol notes §4.3): the algorithm
/// falls back to the bucket default, then to `AES256`; an explicit `bucketKeyEnabled: false` overrides a
/// bucket default of `true`.
public struct EncryptionRequest: Sendable, Hashable {
    /// `x-amz-server-side-encryption`, or `nil` for the bucket default.
    public var algorithm: SSEAlgorithm?
    /// `x-amz-server-side-encryption-aws-kms-key-id`.
    public var kmsKeyId: String?
    /// The decoded `x-amz-server-side-encryption-context` pairs.
    public var context: [String: String]?
    /// `x-amz-server-side-encryption-bucket-key-enabled`.
    public var bucketKeyEnabled: Bool?

    /// Creates a request; with no arguments it means "use the bucket default".
    public init(
        algorithm: SSEAlgorithm? = nil,
        kmsKeyId: String? = nil,
        context: [String: String]? = nil,
        bucketKeyEnabled: Bool? = nil
    ) {
        self.algorithm = algorithm
        self.kmsKeyId = kmsKeyId
        self.context = context
        self.bucketKeyEnabled = bucketKeyEnabled
    }

    /// Use the bucket's default encryption.
    public static let bucketDefault = EncryptionRequest()

    /// SSE-S3 regardless of the bucket default.
    public static let sseS3 = EncryptionRequest(algorithm: .aes256)

    /// SSE-KMS with the given key (`nil`: the bucket default key, else `alias/aws/s3`) and user context.
    public static func sseKMS(
        keyId: String? = nil,
        context: [String: String] = [:],
        bucketKeyEnabled: Bool? = nil
    ) -> EncryptionRequest {
        EncryptionRequest(algorithm: .awsKMS, kmsKeyId: keyId, context: context, bucketKeyEnabled: bucketKeyEnabled)
    }
}

/// How a stored object is encrypted, for the SSE response headers.
public struct ObjectEncryptionInfo: Sendable, Hashable {
    /// The algorithm (`x-amz-server-side-encryption`).
    public var algorithm: SSEAlgorithm
    /// The full KMS key ARN for `aws:kms` (`x-amz-server-side-encryption-aws-kms-key-id`).
    public var kmsKeyArn: String?
    /// Whether the object was written with a bucket key requested.
    public var bucketKeyEnabled: Bool
    /// The pairs the client supplied in `x-amz-server-side-encryption-context`, if any, to echo back.
    public var userContext: [String: String]?
}
