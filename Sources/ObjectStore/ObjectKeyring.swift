import Crypto
import Foundation

/// Obtains data keys for new objects and recovers them for reads.
///
/// SSE-S3: a random 256-bit data key sealed with AES-256-GCM under the store key, with additional data
/// `"coffer-sse-s3-v1" || object id` so a wrapped key cannot be moved to another row. SSE-KMS: the
/// ``DataKeyProvider`` generates the key under the object-ARN context and decrypts it on reads.
struct ObjectKeyring: Sendable {
    static let sseS3Label = Array("coffer-sse-s3-v1".utf8)
    static let wrapVersion: UInt8 = 1

    let storeKey: SymmetricKey
    let provider: any DataKeyProvider

    /// The stored form of a new object's key.
    struct StoredKey: Sendable {
        var source: KeySource
        var encryptedDataKey: [UInt8]
        var kmsKeyArn: String?
        var encryptionContext: [String: String]?
        var userContext: [String: String]?
        var bucketKeyEnabled: Bool
    }

    /// A fresh data key for a new object, and what to store to recover it.
    func newDataKey(
        _ encryption: ResolvedEncryption,
        bucket: String,
        key: String,
        objectID: ObjectID,
        requester: DataKeyRequester
    ) async throws -> (SymmetricKey, StoredKey) {
        switch encryption {
        case .sseS3:
            let dataKey = SymmetricKey(size: .bits256)
            let wrapped = try wrap(dataKey, objectID: objectID)
            return (dataKey, StoredKey(source: .sseS3Wrapped, encryptedDataKey: wrapped, bucketKeyEnabled: false))
        case .sseKMS(let keyId, let userContext, let bucketKeyEnabled):
            let context = try ResolvedEncryption.kmsContext(bucket: bucket, key: key, userContext: userContext)
            let generated = try await callProvider {
                try await provider.generateDataKey(keyId: keyId, encryptionContext: context, requester: requester)
            }
            let stored = StoredKey(
                source: .kmsDataKey,
                encryptedDataKey: generated.ciphertext,
                kmsKeyArn: generated.keyArn,
                encryptionContext: context,
                userContext: userContext,
                bucketKeyEnabled: bucketKeyEnabled
            )
            return (generated.plaintext, stored)
        }
    }

    /// Recovers the data key of a stored object: unwraps locally (SSE-S3) or asks the provider (SSE-KMS).
    func dataKey(for row: ObjectRow, requester: DataKeyRequester) async throws -> SymmetricKey {
        guard let objectID = ObjectID(bytes: row.objectId), let encrypted = row.encryptedDataKey else {
            throw ObjectStoreError.corruptObject("object row has no usable key")
        }
        switch KeySource(rawValue: row.keySource) {
        case .sseS3Wrapped:
            return try unwrap(Array(encrypted), objectID: objectID)
        case .kmsDataKey:
            guard let arn = row.kmsKeyArn, let context = row.encryptionContext else {
                throw ObjectStoreError.corruptObject("SSE-KMS row lacks key ARN or context")
            }
            return try await callProvider {
                try await provider.decryptDataKey(
                    ciphertext: Array(encrypted),
                    keyArn: arn,
                    encryptionContext: context,
                    requester: requester
                )
            }
        case .bucketKeyDerived, nil:
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

    /// Runs a provider call, mapping its failures to the store's error kinds.
    private func callProvider<T>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as DataKeyProviderError {
            throw ObjectStoreError(error)
        } catch let error as ObjectStoreError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ObjectStoreError(DataKeyProviderError(.other, message: "Key service failure"))
        }
    }
}
