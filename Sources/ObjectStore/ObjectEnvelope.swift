public import Foundation
import GRDB

/// How one object is sealed: the envelope of keys around its bytes and where the sealed bytes are, for people.
///
/// It names keys and sizes only: never a data key, a bucket key or a byte of the object. The console's object
/// view shows it (`GET /_coffer/console/api/envelope`).
public struct ObjectEnvelope: Sendable, Hashable, Codable {
    /// Where the sealed bytes are.
    public enum Storage: String, Sendable, Hashable, Codable {
        /// In the object's metadata row (small objects).
        case inline
        /// In one sealed blob: a file under `objects/`, or an object in the `--blobs` bucket.
        case blob
        /// In one blob file per part (multipart uploads).
        case parts
    }

    public var bucket: String
    public var key: String
    /// The plaintext size.
    public var size: Int64
    public var etag: String
    /// `AES256` or `aws:kms`.
    public var algorithm: String
    /// The KMS key of an SSE-KMS object.
    public var kmsKeyArn: String?
    public var bucketKeyEnabled: Bool
    /// How the data key was obtained: `sse-s3-wrapped`, `kms-data-key` or `bucket-key-derived`.
    public var keySource: String
    /// Where the data key comes from, in a sentence for people.
    public var dataKey: String
    /// The context bound into the KMS call that made or makes the data key (a bucket key's for Bucket Keys).
    public var encryptionContext: [String: String]?
    /// The size of the stored encrypted data key (none for a key derived from a bucket key).
    public var encryptedDataKeyBytes: Int?
    /// The first 8 hex digits of the bucket key's id, for a data key derived from one.
    public var bucketKeyId: String?
    /// The size of the sealed bytes on disk or in the row, headers and tags included.
    public var sealedBytes: Int64
    public var storage: Storage
    /// The number of parts of a multipart object.
    public var parts: Int?
}

extension ObjectStore {
    /// The envelope of the current version of `key`; throws `noSuchBucket` or `noSuchKey`.
    public func envelope(bucket: String, key: String) async throws -> ObjectEnvelope {
        let row = try await metadata.object(bucket: bucket, key: key)
        let (storage, sealed) = try await sealedSize(row)
        return ObjectEnvelope(
            bucket: bucket, key: key, size: row.size, etag: "\"\(row.etag)\"", algorithm: row.sseAlgorithm,
            kmsKeyArn: row.kmsKeyArn, bucketKeyEnabled: row.bucketKeyEnabled, keySource: row.keySource,
            dataKey: Self.dataKeySentence(KeySource(rawValue: row.keySource)),
            encryptionContext: row.encryptionContext, encryptedDataKeyBytes: row.encryptedDataKey?.count,
            bucketKeyId: row.bucketKeyId.map { BucketKey.shortID(Array($0)) },
            sealedBytes: sealed, storage: storage, parts: row.partsCount)
    }

    private static func dataKeySentence(_ source: KeySource?) -> String {
        switch source {
        case .sseS3Wrapped:
            "a random data key, stored sealed under the store's SSE-S3 key; no KMS call on read or write"
        case .kmsDataKey:
            "a per-object data key from GenerateDataKey, stored encrypted by the KMS; each read calls Decrypt"
        case .bucketKeyDerived:
            "derived (HKDF) from the bucket key and a per-object salt; the bucket key comes from one KMS call per "
                + "cache period"
        case nil: "unknown to this build"
        }
    }

    private func sealedSize(_ row: ObjectRow) async throws -> (ObjectEnvelope.Storage, Int64) {
        if let inline = row.inlineBlob { return (.inline, Int64(inline.count)) }
        let blobIds: [Data]
        if row.partsCount != nil {
            blobIds = try await metadata.objectParts(row.objectId, covering: nil).map(\.blobId)
        } else {
            blobIds = [row.objectId]
        }
        var total: Int64 = 0
        for id in blobIds.compactMap(ObjectID.init(bytes:)) {
            total += try await blobs.size(of: id) ?? 0
        }
        return (row.partsCount != nil ? .parts : .blob, total)
    }
}
