import Crypto
import Foundation
import _CryptoExtras

/// RSAES-OAEP with RSA ENCRYPT_DECRYPT keys: SHA-1 or SHA-256, with MGF1 over the same hash, as AWS.
///
/// The ciphertext is the raw RSA output (as long as the modulus), exactly what AWS returns, so anyone holding
/// the public key from GetPublicKey can encrypt for the key service.
extension AsymmetricKeyPair {
    /// The modulus length in bytes of an RSA key.
    var modulusBytes: Int { spec.rsaBits / 8 }

    /// Encrypts `plaintext`, whose length the caller checked against `maximumPlaintext`.
    func encrypt(_ plaintext: [UInt8], algorithm: RSAEncryptionAlgorithm) throws(Failure) -> [UInt8] {
        guard case .rsaEncryption(let keys) = privateKey,
            let ciphertext = try? keys.publicKey.encrypt(plaintext, padding: Self.padding(algorithm))
        else { throw Failure() }
        return Array(ciphertext)
    }

    /// Decrypts `ciphertext` into secure bytes; any failure (wrong length, padding, algorithm) is one error.
    func decrypt(_ ciphertext: [UInt8], algorithm: RSAEncryptionAlgorithm) throws(Failure) -> SymmetricKey {
        guard case .rsaEncryption(let keys) = privateKey, ciphertext.count == modulusBytes,
            var plaintext = try? keys.privateKey.decrypt(ciphertext, padding: Self.padding(algorithm))
        else { throw Failure() }
        defer { plaintext.resetBytes(in: plaintext.startIndex..<plaintext.endIndex) }
        return SymmetricKey(data: plaintext)
    }

    private static func padding(_ algorithm: RSAEncryptionAlgorithm) -> _RSA.Encryption.Padding {
        algorithm == .oaepSha1 ? .PKCS1_OAEP : .PKCS1_OAEP_SHA256
    }
}
