/// One thing that happened to a request's envelope, kept as values on the request path and put into words only
/// when the request inspector is read (``step``), so tracing costs the hot path a few stores, not string building.
public enum EnvelopeEvent: Sendable {
    /// How a request was signed.
    public enum Signature: Sendable { case sigV4, sigV2, anonymous }
    /// What a bucket-key cache lookup cost.
    public enum BucketKeyLookup: Sendable { case hit, miss, joined }
    /// Where a data key came from.
    public enum DataKeyOrigin: Sendable {
        case newSSES3, newKMS
        case newDerived(bucketKeyId: [UInt8])
        case unwrappedSSES3, decryptedKMS
        case derived(bucketKeyId: [UInt8])
    }

    case authenticated(Signature, principal: String?)
    /// The encryption chosen for a new object: SSE-S3.
    case newSSES3
    /// The encryption chosen for a new object: SSE-KMS (`keyId` nil: the AWS managed key `aws/s3`).
    case newSSEKMS(keyId: String?, bucketKey: Bool, context: [String: String]?)
    /// How a stored object or upload was sealed, on a read (`kmsKeyArn` nil: SSE-S3).
    case stored(kmsKeyArn: String?, bucketKey: Bool)
    case bucketKey(BucketKeyLookup)
    case kmsCall(operation: String, keyId: String, milliseconds: Double, error: String?)
    case dataKey(DataKeyOrigin)
    case sealed(plaintext: Int64, segmentSize: Int, inline: Bool)
    case opened(sealedBytes: Int64, plaintext: Int64, inline: Bool)
    case openedParts(opened: Int, of: Int, plaintext: Int64)
}

extension EnvelopeEvent {
    /// The steps this event reads as (a sealing is two: `sealed` and `stored`).
    var steps: [EnvelopeTrace.Step] {
        switch self {
        case .authenticated(let signature, let principal):
            let words =
                switch signature {
                case .sigV4: "SigV4 by \(principal ?? "?")"
                case .sigV2: "Signature Version 2 by \(principal ?? "?")"
                case .anonymous: "anonymous: no signature"
                }
            return [.init("authenticated", words)]
        case .newSSES3, .stored(kmsKeyArn: nil, _):
            return [.init("encryption", "SSE-S3: AES-256 under a key the store owns")]
        case .newSSEKMS(let keyId, let bucketKey, let context):
            let pairs = context.map { " with encryption context \($0.sorted { $0.key < $1.key })" } ?? ""
            let key = keyId ?? "the AWS managed key aws/s3"
            return [.init("encryption", "SSE-KMS under \(key), Bucket Key \(bucketKey ? "on" : "off")\(pairs)")]
        case .stored(let arn?, let bucketKey):
            return [.init("encryption", "SSE-KMS under \(arn), Bucket Key \(bucketKey ? "on" : "off")")]
        case .bucketKey(let lookup):
            let words =
                switch lookup {
                case .hit: "cache hit: no KMS call"
                case .miss: "cache miss: one KMS call for a bucket key"
                case .joined: "cache miss joined another request's KMS call: no call of its own"
                }
            return [.init("bucket-key", words)]
        case .kmsCall(let operation, let keyId, let milliseconds, let error):
            let words = "\(operation) on \(keyId)" + (error.map { " failed: \($0)" } ?? "")
            return [.init("kms-call", words, durationMs: milliseconds)]
        case .dataKey(let origin):
            return [.init("data-key", Self.words(origin))]
        case .sealed(let plaintext, let segmentSize, let inline):
            let layout = SegmentLayout(segmentSize: segmentSize, objectSize: plaintext)
            let segments = "\(layout.segmentCount) segment\(layout.segmentCount == 1 ? "" : "s")"
            return [
                .init(
                    "sealed", "\(plaintext) bytes sealed with AES-256-GCM into \(layout.blobSize) bytes (\(segments))",
                    bytes: layout.blobSize),
                .init("stored", inline ? "inline in the metadata row" : "in a blob file under objects/, fsynced"),
            ]
        case .opened(let sealed, let plaintext, let inline):
            let source = inline ? "the metadata row" : "a blob file"
            return [
                .init(
                    "opened", "\(sealed) sealed bytes in \(source): \(plaintext) bytes decrypted and verified",
                    bytes: plaintext)
            ]
        case .openedParts(let opened, let total, let plaintext):
            return [
                .init(
                    "opened", "\(opened) of \(total) part blobs opened, each under its own derived key",
                    bytes: plaintext)
            ]
        }
    }

    private static func words(_ origin: DataKeyOrigin) -> String {
        switch origin {
        case .newSSES3: "a random data key, sealed under the store's SSE-S3 key: no KMS call"
        case .newKMS: "a per-object data key from GenerateDataKey, kept encrypted by the KMS"
        case .newDerived(let id): "derived (HKDF) from bucket key \(BucketKey.shortID(id)) and a fresh salt"
        case .unwrappedSSES3: "unwrapped with the store's SSE-S3 key: no KMS call"
        case .decryptedKMS: "the stored encrypted data key, decrypted by the KMS"
        case .derived(let id): "derived (HKDF) from bucket key \(BucketKey.shortID(id)) and the object's salt"
        }
    }
}
