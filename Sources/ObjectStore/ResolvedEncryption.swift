/// The encryption chosen for one new object, after applying the bucket default.
enum ResolvedEncryption: Sendable, Equatable {
    case sseS3
    case sseKMS(keyId: String?, userContext: [String: String]?, bucketKeyEnabled: Bool)

    /// Resolves a request against the bucket default (protocol notes §4.3).
    static func resolve(_ request: EncryptionRequest, bucketDefault: BucketEncryption) throws -> Self {
        let algorithm = request.algorithm ?? bucketDefault.algorithm
        guard algorithm == .awsKMS else {
            if request.kmsKeyId != nil {
                throw ObjectStoreError.invalidArgument(
                    "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
                    name: "x-amz-server-side-encryption",
                    value: algorithm.rawValue
                )
            }
            return .sseS3
        }
        let inheritsDefault = request.algorithm == nil || bucketDefault.algorithm == .awsKMS
        let keyId = request.kmsKeyId ?? (inheritsDefault ? bucketDefault.kmsMasterKeyId : nil)
        let bucketKey = request.bucketKeyEnabled ?? bucketDefault.bucketKeyEnabled
        let context = request.context.flatMap { $0.isEmpty ? nil : $0 }
        return .sseKMS(keyId: keyId, userContext: context, bucketKeyEnabled: bucketKey)
    }

    /// The full KMS encryption context for an object: the object ARN plus the user's pairs.
    ///
    /// A user-supplied `aws:s3:arn` must name this object, else the request is rejected.
    static func kmsContext(bucket: String, key: String, userContext: [String: String]?) throws -> [String: String] {
        let arn = "arn:aws:s3:::\(bucket)/\(key)"
        var context = userContext ?? [:]
        if let given = context["aws:s3:arn"], given != arn {
            throw ObjectStoreError.invalidArgument(
                "The encryption context key aws:s3:arn must be the ARN of the object",
                name: "x-amz-server-side-encryption-context"
            )
        }
        context["aws:s3:arn"] = arn
        return context
    }

    /// The full KMS encryption context for a bucket key: the bucket ARN plus the user's pairs (protocol notes §4.5).
    ///
    /// A user-supplied `aws:s3:arn` must name the bucket, else the request is rejected.
    static func bucketKeyContext(bucket: String, userContext: [String: String]?) throws -> [String: String] {
        let arn = "arn:aws:s3:::\(bucket)"
        var context = userContext ?? [:]
        if let given = context["aws:s3:arn"], given != arn {
            throw ObjectStoreError.invalidArgument(
                "The encryption context key aws:s3:arn must be the ARN of the bucket when a bucket key is used",
                name: "x-amz-server-side-encryption-context"
            )
        }
        context["aws:s3:arn"] = arn
        return context
    }
}

extension ResolvedEncryption {
    /// The encryption as the request inspector records it.
    var traceEvent: EnvelopeEvent {
        switch self {
        case .sseS3: .newSSES3
        case .sseKMS(let keyId, let userContext, let bucketKeyEnabled):
            .newSSEKMS(keyId: keyId, bucketKey: bucketKeyEnabled, context: userContext)
        }
    }
}
