import AuditTrail
import Crypto

/// GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext: a fresh key pair whose private key is returned
/// encrypted under a symmetric KMS key, as an ordinary ciphertext blob that plain Decrypt (with the same
/// encryption context) opens to the PKCS#8 DER.
extension KeyManagementService {
    /// GenerateDataKeyPair: the private key in plaintext (PKCS#8 DER) and encrypted, and the public key.
    public func generateDataKeyPair(
        keyId: String, keyPairSpec: DataKeyPairSpec, encryptionContext: [String: String], caller: KMSCaller
    ) async throws(KMSError) -> DataKeyPairResult {
        let parameters = AuditFields.request(
            keyId: keyId, encryptionContext: encryptionContext, extra: [.keyPairSpec: .string(keyPairSpec.rawValue)])
        return try await perform(.generateDataKeyPair, caller, parameters) { caller throws(KMSError) in
            try await dataKeyPair(
                keyId: keyId, spec: keyPairSpec, context: encryptionContext, plaintext: true,
                for: .generateDataKeyPair, caller: caller)
        }
    }

    /// GenerateDataKeyPairWithoutPlaintext: as GenerateDataKeyPair, without the plaintext private key.
    public func generateDataKeyPairWithoutPlaintext(
        keyId: String, keyPairSpec: DataKeyPairSpec, encryptionContext: [String: String], caller: KMSCaller
    ) async throws(KMSError) -> DataKeyPairResult {
        let parameters = AuditFields.request(
            keyId: keyId, encryptionContext: encryptionContext, extra: [.keyPairSpec: .string(keyPairSpec.rawValue)])
        return try await perform(.generateDataKeyPairWithoutPlaintext, caller, parameters) {
            caller throws(KMSError) in
            try await dataKeyPair(
                keyId: keyId, spec: keyPairSpec, context: encryptionContext, plaintext: false,
                for: .generateDataKeyPairWithoutPlaintext, caller: caller)
        }
    }

    /// Checks the wrapping key first, then generates the pair (RSA generation is slow) and seals its PKCS#8.
    private func dataKeyPair(
        keyId: String, spec: DataKeyPairSpec, context: [String: String], plaintext: Bool, for operation: KMSOperation,
        caller: KMSCaller
    ) async throws(KMSError) -> DataKeyPairResult {
        let (key, material) = try encryptionKey(keyId, for: operation, caller: caller, context: context)
        let (generated, pkcs8) = try await Self.newMaterialOffPool(spec: spec.keySpec, usage: .signVerify)
        guard case .asymmetric(let pair) = generated else { throw .internalFailure }
        let blob = try BlobCipher.seal(key: pkcs8, keyID: key.id, material: material, context: context)
        return DataKeyPairResult(
            privateKeyPlaintext: plaintext ? pkcs8 : nil, privateKeyCiphertextBlob: blob, publicKey: pair.publicKeyDER,
            keyArn: key.arn, keyPairSpec: spec, keyMaterialId: material.hex)
    }
}
