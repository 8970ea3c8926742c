import Crypto
import Foundation

/// Seals key material under the root key for storage, binding each sealed row to its key, material id and key type.
///
/// Sealed form: AES-256-GCM `nonce(12) | ciphertext | tag(16)` with AAD
/// `"coffer.kms.material.v1" | 0x00 | keyId (16) | materialId (32) | keyType (UTF-8)`, so a sealed row copied
/// to another key or material id, relabelled with another key type, or read with another root key, does not open.
/// The secret is the 32-byte AES material of a symmetric key, the PKCS#8 DER private key of an asymmetric key,
/// or the key of an HMAC key; the key type is the key spec (`SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`, …).
struct MaterialSealer: Sendable {
    /// Why sealed material does not open.
    struct OpenError: Error {}

    private static let domain = Array("coffer.kms.material.v1".utf8) + [0]
    private let rootKey: SymmetricKey

    init(rootKey: SymmetricKey) { self.rootKey = rootKey }

    /// Seals `secret`, the material `materialID` of key `keyID`, whose spec is `keyType`.
    func seal(_ secret: SymmetricKey, keyID: UUID, materialID: KeyMaterialID, keyType: String) throws -> [UInt8] {
        let box = try secret.withUnsafeBytes { bytes in
            try AES.GCM.seal(bytes, using: rootKey, authenticating: aad(keyID, materialID, keyType))
        }
        guard let combined = box.combined else { throw OpenError() }
        return Array(combined)
    }

    /// Opens a sealed row into secure bytes, or throws `OpenError`.
    func open(_ sealed: [UInt8], keyID: UUID, materialID: KeyMaterialID, keyType: String) throws(OpenError)
        -> SymmetricKey
    {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            var bytes = try AES.GCM.open(box, using: rootKey, authenticating: aad(keyID, materialID, keyType))
            defer { bytes.resetBytes(in: bytes.startIndex..<bytes.endIndex) }
            return SymmetricKey(data: bytes)
        } catch {
            throw OpenError()
        }
    }

    private func aad(_ keyID: UUID, _ materialID: KeyMaterialID, _ keyType: String) -> [UInt8] {
        Self.domain + CiphertextBlob.bytes(of: keyID) + materialID.bytes + Array(keyType.utf8)
    }
}
