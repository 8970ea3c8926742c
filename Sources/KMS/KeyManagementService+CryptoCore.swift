import Crypto
import Foundation

/// The shared steps of the cryptographic operations: the hot path, which reads only the in-memory store.
extension KeyManagementService {
    /// Resolves any identifier form to an Enabled symmetric encryption key.
    func encryptionKey(_ keyId: String, for operation: KMSOperation) throws(KMSError) -> KMSKey {
        let key = try self.key(keyId, for: operation, forms: .any, in: store)
        guard key.isSymmetricEncryptionKey else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        return key
    }

    /// Parses and decrypts a blob: IncorrectKeyException when `keyId` names another key, the key's state error,
    /// and InvalidCiphertextException for anything that does not authenticate.
    func open(
        _ bytes: [UInt8], context: [String: String], keyId: String?, algorithm: String?, member: String,
        for operation: KMSOperation
    ) throws(KMSError) -> (KMSKey, KeyMaterialVersion, SymmetricKey) {
        let store = store
        let requested = try keyId.map { raw throws(KMSError) in try resolve(raw, in: store, forms: .any) }
        let blob: CiphertextBlob
        do { blob = try CiphertextBlob(parsing: bytes) } catch { throw .invalidCiphertext }
        if let requested, requested.id != blob.keyID { throw .incorrectKey }
        guard let key = store.keys[blob.keyID] else { throw .invalidCiphertext }
        try key.lifecycle.permit(operation, arn: key.arn)
        guard key.isSymmetricEncryptionKey else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        try Self.checkAlgorithm(algorithm, member: member, key: key)
        guard let material = key.materials[blob.materialID] else { throw .invalidCiphertext }
        return (key, material, try BlobCipher.open(blob, material: material, context: context))
    }

    /// Generates a data key and seals it under `keyId`'s current material.
    func sealedDataKey(
        keyId: String, keySpec: DataKeySpec?, numberOfBytes: Int?, context: [String: String],
        for operation: KMSOperation
    ) throws(KMSError) -> (SymmetricKey, EncryptResult) {
        let count: Int
        switch (keySpec, numberOfBytes) {
        case (let spec?, nil): count = spec.byteCount
        case (nil, let bytes?):
            guard (1...1024).contains(bytes) else { throw .outOfRange(bytes, member: "numberOfBytes", range: 1...1024) }
            count = bytes
        default: throw .validation("Please specify either number of bytes or key spec.")
        }
        let key = try encryptionKey(keyId, for: operation)
        let (dataKey, blob) = try BlobCipher.sealNewDataKey(
            byteCount: count, keyID: key.id, material: key.currentMaterial, context: context)
        let result = EncryptResult(
            ciphertextBlob: blob, keyArn: key.arn, encryptionAlgorithm: Self.symmetricAlgorithm,
            keyMaterialId: key.currentMaterial.hex)
        return (dataKey, result)
    }

    /// Accepts nil or SYMMETRIC_DEFAULT; other known algorithms do not fit a symmetric key.
    static func checkAlgorithm(_ algorithm: String?, member: String, key: KMSKey) throws(KMSError) {
        guard let algorithm, algorithm != symmetricAlgorithm else { return }
        let known = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"]
        guard known.contains(algorithm) else { throw .notInEnum(algorithm, member: member, values: known) }
        throw .init(.invalidKeyUsage, "Algorithm \(algorithm) is incompatible with key spec \(key.keySpec.rawValue).")
    }
}
