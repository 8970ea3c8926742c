import Crypto
import Foundation

/// Encrypt, Decrypt and ReEncrypt with RSA ENCRYPT_DECRYPT keys (RSAES-OAEP), on the in-memory store only.
extension KeyManagementService {
    /// Encrypts under an RSA key: the algorithm is required, no encryption context, AWS's size limits.
    func rsaEncrypt(
        _ plaintext: [UInt8], key: KMSKey, pair: AsymmetricKeyPair, algorithm: String?, context: [String: String],
        member: String, for operation: KMSOperation
    ) throws(KMSError) -> EncryptResult {
        guard key.keyUsage == .encryptDecrypt else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        let rsa = try Self.rsaAlgorithm(algorithm, member: member, key: key)
        guard context.isEmpty else { throw .encryptionContextNotSupported }
        let limit = rsa.maximumPlaintext(modulusBytes: pair.modulusBytes)
        guard plaintext.count <= limit else { throw .plaintextTooLarge(rsa.rawValue, spec: key.keySpec, limit: limit) }
        guard let ciphertext = try? pair.encrypt(plaintext, algorithm: rsa) else { throw .internalFailure }
        return EncryptResult(
            ciphertextBlob: ciphertext, keyArn: key.arn, encryptionAlgorithm: rsa.rawValue, keyMaterialId: "")
    }

    /// Decrypts RSA ciphertext with the key the request names; any failure is InvalidCiphertextException.
    func rsaDecrypt(
        _ ciphertext: [UInt8], key: KMSKey, pair: AsymmetricKeyPair, algorithm: RSAEncryptionAlgorithm,
        context: [String: String], for operation: KMSOperation
    ) throws(KMSError) -> OpenedCiphertext {
        try key.lifecycle.permit(operation, arn: key.arn)
        guard key.keyUsage == .encryptDecrypt else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        guard context.isEmpty else { throw .encryptionContextNotSupported }
        guard let plaintext = try? pair.decrypt(ciphertext, algorithm: algorithm) else { throw .invalidCiphertext }
        return OpenedCiphertext(key: key, algorithm: algorithm.rawValue, keyMaterialId: "", plaintext: plaintext)
    }

    /// The RSA algorithm of a request: required (the SYMMETRIC_DEFAULT default does not fit an RSA key).
    static func rsaAlgorithm(_ algorithm: String?, member: String, key: KMSKey) throws(KMSError)
        -> RSAEncryptionAlgorithm
    {
        let name = algorithm ?? symmetricAlgorithm
        if let rsa = RSAEncryptionAlgorithm(rawValue: name) { return rsa }
        let known = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"]
        guard known.contains(name) else { throw .notInEnum(name, member: member, values: known) }
        throw .incompatibleAlgorithm(name, spec: key.keySpec)
    }
}

/// A decrypted ciphertext: the key, the algorithm, the material version (symmetric only) and the plaintext.
struct OpenedCiphertext: Sendable {
    let key: KMSKey
    let algorithm: String
    /// Empty for RSA ciphertext, which has no material version.
    let keyMaterialId: String
    let plaintext: SymmetricKey
}
