import Crypto
import Foundation

/// The shared steps of the cryptographic operations: the hot path, which reads only the in-memory store.
extension KeyManagementService {
    /// Resolves any identifier form to an Enabled symmetric encryption key that `caller` may use with `context`,
    /// and its current material.
    func encryptionKey(
        _ keyId: String, for operation: KMSOperation, caller: KMSCaller, context: [String: String]
    ) throws(KMSError) -> (KMSKey, KeyMaterialVersion) {
        let key = try self.key(
            keyId, for: operation, caller: caller, forms: .any, in: store, encryptionContext: context)
        let material = try Self.symmetricMaterial(of: key, for: operation)
        caller.trace?.used(materialId: material.hex)
        return (key, material)
    }

    /// The current material of a symmetric encryption key, or InvalidKeyUsageException.
    static func symmetricMaterial(of key: KMSKey, for operation: KMSOperation) throws(KMSError) -> KeyMaterialVersion {
        guard key.keyUsage == .encryptDecrypt else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        guard let material = key.material.currentSymmetric else {
            throw .invalidKeySpec(arn: key.arn, spec: key.keySpec, operation: operation)
        }
        return material
    }

    /// Decrypts for Decrypt and ReEncrypt. RSA ciphertext when `keyId` names an asymmetric key and the algorithm
    /// is an RSA one; otherwise a symmetric blob: IncorrectKeyException when `keyId` names another key, the key's
    /// state error, and InvalidCiphertextException for anything that does not authenticate (as AWS, a raw RSA
    /// ciphertext sent with the default algorithm is such a blob). `caller` is admitted on the key that decrypts,
    /// for `action` (default `kms:<operation>`).
    func open(
        _ bytes: [UInt8], context: [String: String], keyId: String?, algorithm: String?, member: String,
        for operation: KMSOperation, caller: KMSCaller, action: String? = nil
    ) throws(KMSError) -> OpenedCiphertext {
        let store = store
        let requested = try keyId.map { raw throws(KMSError) in try resolve(raw, in: store, forms: .any) }
        if let requested, case .asymmetric(let pair) = requested.material,
            let rsa = algorithm.flatMap(RSAEncryptionAlgorithm.init(rawValue:))
        {
            try admit(requested, for: operation, caller: caller, action: action)
            return try rsaDecrypt(bytes, key: requested, pair: pair, algorithm: rsa, context: context, for: operation)
        }
        let blob: CiphertextBlob
        do { blob = try CiphertextBlob(parsing: bytes) } catch { throw .invalidCiphertext }
        // Bytes that only look like a blob name no key of this store: that is not another key's ciphertext.
        guard let key = store.keys[blob.keyID] else { throw .invalidCiphertext }
        if let requested, requested.id != blob.keyID { throw .incorrectKey }
        try admit(key, for: operation, caller: caller, action: action, encryptionContext: context)
        guard key.isSymmetricEncryptionKey else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        try Self.checkAlgorithm(algorithm, member: member, key: key)
        guard let material = key.material.symmetricVersion(blob.materialID) else { throw .invalidCiphertext }
        caller.trace?.used(materialId: material.hex)
        let plaintext = try BlobCipher.open(blob, material: material, context: context)
        return OpenedCiphertext(
            key: key, algorithm: Self.symmetricAlgorithm, keyMaterialId: material.hex, plaintext: plaintext)
    }

    /// Generates a data key and seals it under `keyId`'s current material.
    func sealedDataKey(
        keyId: String, keySpec: DataKeySpec?, numberOfBytes: Int?, context: [String: String],
        for operation: KMSOperation, caller: KMSCaller
    ) throws(KMSError) -> (SymmetricKey, EncryptResult) {
        let count: Int
        switch (keySpec, numberOfBytes) {
        case (let spec?, nil): count = spec.byteCount
        case (nil, let bytes?):
            guard (1...1024).contains(bytes) else { throw .outOfRange(bytes, member: "numberOfBytes", range: 1...1024) }
            count = bytes
        default: throw .validation("Please specify either number of bytes or key spec.")
        }
        let (key, material) = try encryptionKey(keyId, for: operation, caller: caller, context: context)
        let (dataKey, blob) = try BlobCipher.sealNewDataKey(
            byteCount: count, keyID: key.id, material: material, context: context)
        let result = EncryptResult(
            ciphertextBlob: blob, keyArn: key.arn, encryptionAlgorithm: Self.symmetricAlgorithm,
            keyMaterialId: material.hex)
        return (dataKey, result)
    }

    /// Accepts nil or SYMMETRIC_DEFAULT; other known algorithms do not fit a symmetric key.
    static func checkAlgorithm(_ algorithm: String?, member: String, key: KMSKey) throws(KMSError) {
        guard let algorithm, algorithm != symmetricAlgorithm else { return }
        let known = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"]
        guard known.contains(algorithm) else { throw .notInEnum(algorithm, member: member, values: known) }
        throw .incompatibleAlgorithm(algorithm, spec: key.keySpec)
    }
}
