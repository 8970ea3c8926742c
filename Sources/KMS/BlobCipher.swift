import Crypto
import Foundation

/// Seals and opens ciphertext blobs with AES-256-GCM under a per-blob key derived from the key material.
///
/// Each blob gets a fresh 16-byte salt and its own AES key, `HKDF-Expand-SHA256(PRK: material,
/// info: "coffer.kms.ciphertext.v1" || salt, L: 32)` (the material is already a uniformly random 256-bit key,
/// so HKDF-Extract is skipped, as RFC 5869 §3.3 allows). The random 96-bit nonces therefore never accumulate
/// under one AES key: the GCM limit of 2^32 random nonces per key would otherwise be reached in about 40
/// hours at 30,000 requests/s.
enum BlobCipher {
    /// The HKDF info label; the salt follows it.
    static let label = Array("coffer.kms.ciphertext.v1".utf8)
    private static let randomCount = CiphertextBlob.saltCount + CiphertextBlob.nonceCount

    /// Encrypts `plaintext` under `material`, binding the header and the encryption context.
    static func seal<Plaintext: DataProtocol>(
        _ plaintext: Plaintext, keyID: UUID, material: KeyMaterialVersion, context: [String: String]
    ) throws(KMSError) -> [UInt8] {
        let blob = SecureRandom.withBytes(randomCount) { random in
            seal(plaintext, keyID: keyID, material: material, context: context, random: random)
        }
        guard let blob else { throw .internalFailure }
        return blob
    }

    /// Generates a data key of `byteCount` bytes and seals it; one system call draws key, salt and nonce.
    static func sealNewDataKey(
        byteCount: Int, keyID: UUID, material: KeyMaterialVersion, context: [String: String]
    ) throws(KMSError) -> (SymmetricKey, [UInt8]) {
        let sealed = SecureRandom.withBytes(byteCount + randomCount) { random in
            let dataKey = UnsafeRawBufferPointer(rebasing: random[..<byteCount])
            let blob = seal(
                dataKey, keyID: keyID, material: material, context: context,
                random: UnsafeRawBufferPointer(rebasing: random[byteCount...]))
            return blob.map { (SymmetricKey(data: dataKey), $0) }
        }
        guard let sealed else { throw .internalFailure }
        return sealed
    }

    /// Encrypts the bytes of `plaintext` (a data key) without copying them out of the `SymmetricKey`.
    static func seal(
        key plaintext: SymmetricKey, keyID: UUID, material: KeyMaterialVersion, context: [String: String]
    ) throws(KMSError) -> [UInt8] {
        let blob = plaintext.withUnsafeBytes { bytes in
            SecureRandom.withBytes(randomCount) { random in
                seal(bytes, keyID: keyID, material: material, context: context, random: random)
            }
        }
        guard let blob else { throw .internalFailure }
        return blob
    }

    /// Decrypts a parsed blob; any mismatch (context, header, tag) is InvalidCiphertextException.
    static func open(
        _ blob: CiphertextBlob, material: KeyMaterialVersion, context: [String: String]
    ) throws(KMSError) -> SymmetricKey {
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: blob.nonce), ciphertext: blob.ciphertext, tag: blob.tag)
            let plaintext = try AES.GCM.open(
                box, using: material.blobKey(salt: blob.salt),
                authenticating: additionalData(header: blob.header, context: context))
            return SymmetricKey(data: plaintext)
        } catch {
            throw .invalidCiphertext
        }
    }

    /// Seals with `random` = salt (16) | nonce (12); nil if swift-crypto fails.
    private static func seal<Plaintext: DataProtocol>(
        _ plaintext: Plaintext, keyID: UUID, material: KeyMaterialVersion, context: [String: String],
        random: UnsafeRawBufferPointer
    ) -> [UInt8]? {
        let salt = Array(random[..<CiphertextBlob.saltCount])
        let header = CiphertextBlob.header(keyID: keyID, materialID: material.idBytes, salt: salt)
        guard let nonce = try? AES.GCM.Nonce(data: random[CiphertextBlob.saltCount...]),
            let box = try? AES.GCM.seal(
                plaintext, using: material.blobKey(salt: salt), nonce: nonce,
                authenticating: additionalData(header: header, context: context))
        else { return nil }
        return CiphertextBlob.serialize(header: header, nonce: Array(nonce), ciphertext: box.ciphertext, tag: box.tag)
    }

    private static func additionalData(header: [UInt8], context: [String: String]) -> [UInt8] {
        header + CanonicalEncryptionContext.encode(context)
    }
}
