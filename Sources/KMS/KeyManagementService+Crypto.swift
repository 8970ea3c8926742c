import AuditTrail
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
        let parameters = AuditFields.request(
            keyId: keyId, encryptionContext: encryptionContext,
            algorithm: (.encryptionAlgorithm, encryptionAlgorithm))
        return try await perform(.encrypt, caller, parameters) { caller throws(KMSError) in
            guard (1...4096).contains(plaintext.count) else {
                throw .lengthOutOfRange(plaintext.count, member: "plaintext", range: 1...4096)
            }
            let key = try self.key(
                keyId, for: .encrypt, caller: caller, forms: .any, in: store, encryptionContext: encryptionContext)
            if case .asymmetric(let pair) = key.material {
                return try rsaEncrypt(
                    plaintext, key: key, pair: pair, algorithm: encryptionAlgorithm, context: encryptionContext,
                    member: "encryptionAlgorithm", for: .encrypt)
            }
            let material = try Self.symmetricMaterial(of: key, for: .encrypt)
            try Self.checkAlgorithm(encryptionAlgorithm, member: "encryptionAlgorithm", key: key)
            let blob = try BlobCipher.seal(plaintext, keyID: key.id, material: material, context: encryptionContext)
            caller.trace?.used(materialId: material.hex)
            return EncryptResult(
                ciphertextBlob: blob, keyArn: key.arn, encryptionAlgorithm: Self.symmetricAlgorithm,
                keyMaterialId: material.hex)
        }
    }

    /// Decrypt: a symmetric blob names its key and material version (`keyId`, when given, must match); RSA
    /// ciphertext needs `keyId` and its RSA `encryptionAlgorithm`. `keyMaterialId` is empty for RSA.
    public func decrypt(
        ciphertextBlob: [UInt8], encryptionContext: [String: String], keyId: String?, encryptionAlgorithm: String?,
        caller: KMSCaller
    ) async throws(KMSError) -> DecryptResult {
        let parameters = AuditFields.request(
            keyId: keyId, encryptionContext: encryptionContext,
            algorithm: (.encryptionAlgorithm, encryptionAlgorithm))
        return try await perform(.decrypt, caller, parameters) { caller throws(KMSError) in
            let opened = try open(
                ciphertextBlob, context: encryptionContext, keyId: keyId, algorithm: encryptionAlgorithm,
                member: "encryptionAlgorithm", for: .decrypt, caller: caller)
            return DecryptResult(
                plaintext: opened.plaintext, keyArn: opened.key.arn, encryptionAlgorithm: opened.algorithm,
                keyMaterialId: opened.keyMaterialId)
        }
    }

    /// ReEncrypt: decrypts under the source key and encrypts under the destination, inside the service. Either
    /// side may be an RSA ENCRYPT_DECRYPT key (with its algorithm and no encryption context).
    /// Needs `kms:ReEncryptFrom` on the source key and `kms:ReEncryptTo` on the destination; the quota is charged
    /// once per family the two keys belong to.
    public func reEncrypt(_ request: ReEncryptRequest, caller: KMSCaller) async throws(KMSError) -> ReEncryptResult {
        try await perform(.reEncrypt, caller, Self.auditParameters(request)) { caller throws(KMSError) in
            try reEncrypt(request, authorizedAs: caller)
        }
    }

    private func reEncrypt(_ request: ReEncryptRequest, authorizedAs caller: KMSCaller) throws(KMSError)
        -> ReEncryptResult
    {
        let source = try open(
            request.ciphertextBlob, context: request.sourceEncryptionContext, keyId: request.sourceKeyId,
            algorithm: request.sourceEncryptionAlgorithm, member: "sourceEncryptionAlgorithm", for: .reEncrypt,
            caller: caller, action: KMSAction.reEncryptFrom)
        let destination = try resolve(request.destinationKeyId, in: store, forms: .any)
        try admit(
            destination, for: .reEncrypt, caller: caller, action: KMSAction.reEncryptTo,
            encryptionContext: destination.isSymmetricEncryptionKey ? request.destinationEncryptionContext : nil,
            chargesQuota: Self.quotaFamily(.reEncrypt, destination.keySpec)
                != Self.quotaFamily(.reEncrypt, source.key.keySpec))
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
        let parameters = AuditFields.request(
            keyId: keyId, encryptionContext: encryptionContext, keySpec: keySpec?.rawValue,
            numberOfBytes: numberOfBytes)
        return try await perform(.generateDataKey, caller, parameters) { caller throws(KMSError) in
            let (dataKey, result) = try sealedDataKey(
                keyId: keyId, keySpec: keySpec, numberOfBytes: numberOfBytes, context: encryptionContext,
                for: .generateDataKey, caller: caller)
            return GeneratedDataKey(
                plaintext: dataKey, ciphertextBlob: result.ciphertextBlob, keyArn: result.keyArn,
                keyMaterialId: result.keyMaterialId)
        }
    }

    /// GenerateDataKeyWithoutPlaintext: as GenerateDataKey, without the plaintext.
    public func generateDataKeyWithoutPlaintext(
        keyId: String, keySpec: DataKeySpec?, numberOfBytes: Int?, encryptionContext: [String: String],
        caller: KMSCaller
    ) async throws(KMSError) -> EncryptResult {
        let parameters = AuditFields.request(
            keyId: keyId, encryptionContext: encryptionContext, keySpec: keySpec?.rawValue,
            numberOfBytes: numberOfBytes)
        return try await perform(.generateDataKeyWithoutPlaintext, caller, parameters) { caller throws(KMSError) in
            try sealedDataKey(
                keyId: keyId, keySpec: keySpec, numberOfBytes: numberOfBytes, context: encryptionContext,
                for: .generateDataKeyWithoutPlaintext, caller: caller
            ).1
        }
    }

    /// GenerateRandom: `numberOfBytes` 1...1024, required.
    public func generateRandom(numberOfBytes: Int?, caller: KMSCaller) async throws(KMSError) -> [UInt8] {
        try await perform(.generateRandom, caller, .request(numberOfBytes: numberOfBytes)) { caller throws(KMSError) in
            guard let numberOfBytes else { throw .validation("NumberOfBytes is required.") }
            guard (1...1024).contains(numberOfBytes) else {
                throw .outOfRange(numberOfBytes, member: "numberOfBytes", range: 1...1024)
            }
            try authorizeWithoutKey(.generateRandom, caller: caller)
            try chargeQuota(.generateRandom, keySpec: nil, caller: caller)
            return SecureRandom.bytes(numberOfBytes)
        }
    }

    /// ReEncrypt's loggable parameters.
    private static func auditParameters(_ request: ReEncryptRequest) -> AuditFields {
        var fields = AuditFields.request(keyId: nil)
        fields[.sourceKeyId] = request.sourceKeyId.map { .string($0) }
        fields[.destinationKeyId] = .string(request.destinationKeyId)
        if !request.sourceEncryptionContext.isEmpty {
            fields[.sourceEncryptionContext] = JSONValue(request.sourceEncryptionContext)
        }
        if !request.destinationEncryptionContext.isEmpty {
            fields[.destinationEncryptionContext] = JSONValue(request.destinationEncryptionContext)
        }
        fields[.sourceEncryptionAlgorithm] = request.sourceEncryptionAlgorithm.map { .string($0) }
        fields[.destinationEncryptionAlgorithm] = request.destinationEncryptionAlgorithm.map { .string($0) }
        return fields
    }
}
