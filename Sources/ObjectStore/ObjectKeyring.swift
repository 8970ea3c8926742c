import Crypto
import Foundation

/// Obtains data keys for new objects and recovers them for reads.
///
/// SSE-S3: a random 256-bit data key sealed with AES-256-GCM under the store key, with additional data
/// `"coffer-sse-s3-v1" || object id` so a wrapped key cannot be moved to another row. SSE-KMS: the
/// ``DataKeyProvider`` generates the key under the object-ARN context and decrypts it on reads. SSE-KMS
/// with a bucket key: the key derives from a cached bucket key (`ObjectKeyring+BucketKeys.swift`).
struct ObjectKeyring: Sendable {
    static let sseS3Label = Array("coffer-sse-s3-v1".utf8)
    static let wrapVersion: UInt8 = 1

    let storeKey: SymmetricKey
    let provider: any DataKeyProvider
    let bucketKeys: BucketKeys

    /// The stored form of a new object's key.
    struct StoredKey: Sendable {
        var source: KeySource
        /// The wrapped or KMS-encrypted data key; `nil` when it derives from a bucket key.
        var encryptedDataKey: [UInt8]?
        var kmsKeyArn: String?
        var encryptionContext: [String: String]?
        var userContext: [String: String]?
        var bucketKeyEnabled: Bool
        /// The bucket key the data key derives from, and the object's HKDF salt.
        var bucketKeyId: [UInt8]? = nil
        var keySalt: [UInt8]? = nil
    }

    /// A fresh data key for a new object, and what to store to recover it.
    func newDataKey(
        _ encryption: ResolvedEncryption,
        bucket: String,
        key: String,
        objectID: ObjectID,
        requester: DataKeyRequester
    ) async throws -> (SymmetricKey, StoredKey) {
        EnvelopeTrace.record(encryption.traceEvent)
        switch encryption {
        case .sseS3:
            EnvelopeTrace.record(.dataKey(.newSSES3))
            let dataKey = SymmetricKey(size: .bits256)
            let wrapped = try wrap(dataKey, objectID: objectID)
            return (dataKey, StoredKey(source: .sseS3Wrapped, encryptedDataKey: wrapped, bucketKeyEnabled: false))
        case .sseKMS(let keyId, let userContext, true):
            return try await bucketKeyDerivedDataKey(
                keyId: keyId, userContext: userContext, bucket: bucket, objectID: objectID, requester: requester)
        case .sseKMS(let keyId, let userContext, false):
            let context = try ResolvedEncryption.kmsContext(bucket: bucket, key: key, userContext: userContext)
            let generated = try await withProviderErrors {
                try await provider.generateDataKey(keyId: keyId, encryptionContext: context, requester: requester)
            }
            EnvelopeTrace.record(.dataKey(.newKMS))
            let stored = StoredKey(
                source: .kmsDataKey,
                encryptedDataKey: generated.ciphertext,
                kmsKeyArn: generated.keyArn,
                encryptionContext: context,
                userContext: userContext,
                bucketKeyEnabled: false
            )
            return (generated.plaintext, stored)
        }
    }

    /// Recovers the data key of a stored object: unwraps locally (SSE-S3) or asks the provider (SSE-KMS).
    func dataKey(for row: ObjectRow, requester: DataKeyRequester) async throws -> SymmetricKey {
        guard let objectID = ObjectID(bytes: row.objectId) else {
            throw ObjectStoreError.corruptObject("object row has no usable key")
        }
        return try await dataKey(for: row, objectID: objectID, requester: requester)
    }

    /// Recovers the data key stored in an object or upload row whose identity is `objectID`.
    func dataKey(
        for row: some StoredKeyColumns, objectID: ObjectID, requester: DataKeyRequester
    ) async throws -> SymmetricKey {
        Self.traceStoredEncryption(row)
        switch KeySource(rawValue: row.keySource) {
        case .sseS3Wrapped:
            guard let encrypted = row.encryptedDataKey else {
                throw ObjectStoreError.corruptObject("object row has no usable key")
            }
            EnvelopeTrace.record(.dataKey(.unwrappedSSES3))
            return try unwrap(Array(encrypted), objectID: objectID)
        case .kmsDataKey:
            guard let encrypted = row.encryptedDataKey, let arn = row.kmsKeyArn, let context = row.encryptionContext
            else {
                throw ObjectStoreError.corruptObject("SSE-KMS row lacks key, key ARN or context")
            }
            EnvelopeTrace.record(.dataKey(.decryptedKMS))
            return try await withProviderErrors {
                try await provider.decryptDataKey(
                    ciphertext: Array(encrypted),
                    keyArn: arn,
                    encryptionContext: context,
                    requester: requester
                )
            }
        case .bucketKeyDerived:
            return try await bucketKeyDerivedDataKey(for: row, objectID: objectID, requester: requester)
        case nil:
            throw ObjectStoreError.internalError("Key source \(row.keySource) is not supported by this build")
        }
    }

    private func wrap(_ dataKey: SymmetricKey, objectID: ObjectID) throws -> [UInt8] {
        let box = try dataKey.withUnsafeBytes { bytes in
            try AES.GCM.seal(bytes, using: storeKey, authenticating: Self.sseS3Label + objectID.bytes)
        }
        return [Self.wrapVersion] + Array(box.combined!)
    }

    private func unwrap(_ wrapped: [UInt8], objectID: ObjectID) throws -> SymmetricKey {
        guard wrapped.first == Self.wrapVersion else {
            throw ObjectStoreError.corruptObject("unknown SSE-S3 key wrapping version")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped.dropFirst())
            let bytes = try AES.GCM.open(box, using: storeKey, authenticating: Self.sseS3Label + objectID.bytes)
            return SymmetricKey(data: bytes)
        } catch {
            throw ObjectStoreError.corruptObject("SSE-S3 data key failed authentication")
        }
    }
}

extension ObjectKeyring {
    /// The `encryption` step of a read: how the stored object or upload was sealed.
    static func traceStoredEncryption(_ row: some StoredKeyColumns) {
        guard let trace = EnvelopeTrace.current else { return }
        trace.record(.stored(kmsKeyArn: row.kmsKeyArn, bucketKey: row.bucketKeyId != nil))
    }
}
