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
        let key = try encryptionKey(keyId, for: .encrypt)
        try Self.checkAlgorithm(encryptionAlgorithm, member: "encryptionAlgorithm", key: key)
        let blob = try BlobCipher.seal(
            plaintext, keyID: key.id, material: key.currentMaterial, context: encryptionContext)
        return EncryptResult(
            ciphertextBlob: blob, keyArn: key.arn, encryptionAlgorithm: Self.symmetricAlgorithm,
            keyMaterialId: key.currentMaterial.hex)
    }

    /// Decrypt: the blob names its key and material version; `keyId`, when given, must match.
    public func decrypt(
        ciphertextBlob: [UInt8], encryptionContext: [String: String], keyId: String?, encryptionAlgorithm: String?,
        caller: KMSCaller
    ) async throws(KMSError) -> DecryptResult {
        counters.record(.decrypt, caller)
        let (key, material, plaintext) = try open(
            ciphertextBlob, context: encryptionContext, keyId: keyId, algorithm: encryptionAlgorithm,
            member: "encryptionAlgorithm", for: .decrypt)
        return DecryptResult(
            plaintext: plaintext, keyArn: key.arn, encryptionAlgorithm: Self.symmetricAlgorithm,
            keyMaterialId: material.hex)
    }

    /// ReEncrypt: decrypts under the source key and encrypts under the destination, inside the service.
    public func reEncrypt(_ request: ReEncryptRequest, caller: KMSCaller) async throws(KMSError) -> ReEncryptResult {
        counters.record(.reEncrypt, caller)
        let (source, sourceMaterial, plaintext) = try open(
            request.ciphertextBlob, context: request.sourceEncryptionContext, keyId: request.sourceKeyId,
            algorithm: request.sourceEncryptionAlgorithm, member: "sourceEncryptionAlgorithm", for: .reEncrypt)
        let destination = try encryptionKey(request.destinationKeyId, for: .reEncrypt)
        try Self.checkAlgorithm(
            request.destinationEncryptionAlgorithm, member: "destinationEncryptionAlgorithm", key: destination)
        let blob = try BlobCipher.seal(
            key: plaintext, keyID: destination.id, material: destination.currentMaterial,
            context: request.destinationEncryptionContext)
        return ReEncryptResult(
            ciphertextBlob: blob, sourceKeyArn: source.arn, keyArn: destination.arn,
            sourceEncryptionAlgorithm: Self.symmetricAlgorithm, destinationEncryptionAlgorithm: Self.symmetricAlgorithm,
            sourceKeyMaterialId: sourceMaterial.hex, destinationKeyMaterialId: destination.currentMaterial.hex)
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
