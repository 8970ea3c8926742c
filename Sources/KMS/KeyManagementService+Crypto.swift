import Crypto
import Foundation

extension KeyManagementService {
    /// The encryption algorithm of symmetric keys.
    static let symmetricAlgorithm = "SYMMETRIC_DEFAULT"

    /// Encrypt: plaintext 1...4096 bytes.
    public func encrypt(
        keyId: String, plaintext: [UInt8], encryptionContext: [String: String], encryptionAlgorithm: String?,
        caller: KMSCaller
    ) async throws(KMSError) -> EncryptResult {
        counters.record(.encrypt, caller)
        guard (1...4096).contains(plaintext.count) else {
            throw .lengthOutOfRange(plaintext.count, member: "plaintext", range: 1...4096)
        }
        let key = try self.key(keyId, for: .encrypt, forms: .any, in: store)
        if case .asymmetric(let pair) = key.material {
            return try rsaEncrypt(
                plaintext, key: key, pair: pair, algorithm: encryptionAlgorithm, context: encryptionContext,
                member: "encryptionAlgorithm", for: .encrypt)
        }
        let material = try Self.symmetricMaterial(of: key, for: .encrypt)
        try Self.checkAlgorithm(encryptionAlgorithm, member: "encryptionAlgorithm", key: key)
        let blob = try BlobCipher.seal(plaintext, keyID: key.id, material: material, context: encryptionContext)
        return EncryptResult(
            ciphertextBlob: blob, keyArn: key.arn, encryptionAlgorithm: Self.symmetricAlgorithm,
            keyMaterialId: material.hex)
    }

    /// Decrypt: a symmetric blob names its key and material version (`keyId`, when given, must match); RSA
    /// ciphertext needs `keyId` and its RSA `encryptionAlgorithm`. `keyMaterialId` is empty for RSA.
    public func decrypt(
        ciphertextBlob: [UInt8], encryptionContext: [String: String], keyId: String?, encryptionAlgorithm: String?,
        caller: KMSCaller
    ) async throws(KMSError) -> DecryptResult {
        counters.record(.decrypt, caller)
        let opened = try open(
            ciphertextBlob, context: encryptionContext, keyId: keyId, algorithm: encryptionAlgorithm,
            member: "encryptionAlgorithm", for: .decrypt)
        return DecryptResult(
            plaintext: opened.plaintext, keyArn: opened.key.arn, encryptionAlgorithm: opened.algorithm,
            keyMaterialId: opened.keyMaterialId)
    }

    /// ReEncrypt: decrypts under the source key and encrypts under the destination, inside the service. Either
    /// side may be an RSA ENCRYPT_DECRYPT key (with its algorithm and no encryption context).
    public func reEncrypt(_ request: ReEncryptRequest, caller: KMSCaller) async throws(KMSError) -> ReEncryptResult {
        counters.record(.reEncrypt, caller)
        let source = try open(
            request.ciphertextBlob, context: request.sourceEncryptionContext, keyId: request.sourceKeyId,
            algorithm: request.sourceEncryptionAlgorithm, member: "sourceEncryptionAlgorithm", for: .reEncrypt)
        let destination = try self.key(request.destinationKeyId, for: .reEncrypt, forms: .any, in: store)
        let result: EncryptResult
        if case .asymmetric(let pair) = destination.material {
            result = try rsaEncrypt(
                source.plaintext.withUnsafeBytes { Array($0) }, key: destination, pair: pair,
                algorithm: request.destinationEncryptionAlgorithm, context: request.destinationEncryptionContext,
                member: "destinationEncryptionAlgorithm", for: .reEncrypt)
        } else {
            let material = try Self.symmetricMaterial(of: destination, for: .reEncrypt)
            try Self.checkAlgorithm(
                request.destinationEncryptionAlgorithm, member: "destinationEncryptionAlgorithm", key: destination)
            let blob = try BlobCipher.seal(
                key: source.plaintext, keyID: destination.id, material: material,
                context: request.destinationEncryptionContext)
            result = EncryptResult(
                ciphertextBlob: blob, keyArn: destination.arn, encryptionAlgorithm: Self.symmetricAlgorithm,
                keyMaterialId: material.hex)
        }
        return ReEncryptResult(
            ciphertextBlob: result.ciphertextBlob, sourceKeyArn: source.key.arn, keyArn: result.keyArn,
            sourceEncryptionAlgorithm: source.algorithm, destinationEncryptionAlgorithm: result.encryptionAlgorithm,
            sourceKeyMaterialId: source.keyMaterialId, destinationKeyMaterialId: result.keyMaterialId)
    }

    /// GenerateDataKey: exactly one of `keySpec` and `numberOfBytes` (1...1024).
    public func generateDataKey(
        keyId: String, keySpec: DataKeySpec?, numberOfBytes: Int?, encryptionContext: [String: String],
        caller: KMSCaller
    ) async throws(KMSError) -> GeneratedDataKey {
        counters.record(.generateDataKey, caller)
        let (dataKey, result) = try sealedDataKey(
            keyId: keyId, keySpec: keySpec, numberOfBytes: numberOfBytes, context: encryptionContext,
            for: .generateDataKey)
        return GeneratedDataKey(
            plaintext: dataKey, ciphertextBlob: result.ciphertextBlob, keyArn: result.keyArn,
            keyMaterialId: result.keyMaterialId)
    }

    /// GenerateDataKeyWithoutPlaintext: as GenerateDataKey, without the plaintext.
    public func generateDataKeyWithoutPlaintext(
        keyId: String, keySpec: DataKeySpec?, numberOfBytes: Int?, encryptionContext: [String: String],
        caller: KMSCaller
    ) async throws(KMSError) -> EncryptResult {
        counters.record(.generateDataKeyWithoutPlaintext, caller)
        return try sealedDataKey(
            keyId: keyId, keySpec: keySpec, numberOfBytes: numberOfBytes, context: encryptionContext,
            for: .generateDataKeyWithoutPlaintext
        ).1
    }

    /// GenerateRandom: `numberOfBytes` 1...1024, required.
    public func generateRandom(numberOfBytes: Int?, caller: KMSCaller) async throws(KMSError) -> [UInt8] {
        counters.record(.generateRandom, caller)
        guard let numberOfBytes else { throw .validation("NumberOfBytes is required.") }
        guard (1...1024).contains(numberOfBytes) else {
            throw .outOfRange(numberOfBytes, member: "numberOfBytes", range: 1...1024)
        }
        return SecureRandom.bytes(numberOfBytes)
    }
}
