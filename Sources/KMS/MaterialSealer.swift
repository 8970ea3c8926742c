import Crypto
import Foundation

/// Seals key material under the root key for storage, binding each sealed row to its key and material id.
///
/// Sealed form: AES-256-GCM `nonce(12) | ciphertext | tag(16)` with AAD
/// `"coffer.kms.material.v1" | 0x00 | keyId (16) | materialId (32) | keyType (UTF-8)`, so a sealed row copied
/// to another key or material id, or read with another root key, does not open.
struct MaterialSealer: Sendable {
    /// Why sealed material does not open.
    struct OpenError: Error {}

    private static let domain = Array("coffer.kms.material.v1".utf8) + [0]
    private let rootKey: SymmetricKey

    init(rootKey: SymmetricKey) { self.rootKey = rootKey }

    /// Seals `material` of the given key type for `keyID`.
    func seal(_ material: KeyMaterialVersion, keyID: UUID, keyType: String) throws -> [UInt8] {
        let box = try material.key.withUnsafeBytes { bytes in
            try AES.GCM.seal(bytes, using: rootKey, authenticating: aad(keyID, material.id, keyType))
        }
        guard let combined = box.combined else { throw OpenError() }
        return Array(combined)
    }

    /// Opens a sealed row, or throws `OpenError`.
    func open(_ sealed: [UInt8], keyID: UUID, materialID: KeyMaterialID, keyType: String) throws(OpenError)
        -> KeyMaterialVersion
    {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let bytes = try AES.GCM.open(box, using: rootKey, authenticating: aad(keyID, materialID, keyType))
            return KeyMaterialVersion(id: materialID, key: SymmetricKey(data: bytes))
        } catch {
            throw OpenError()
        }
    }

    private func aad(_ keyID: UUID, _ materialID: KeyMaterialID, _ keyType: String) -> [UInt8] {
        Self.domain + CiphertextBlob.bytes(of: keyID) + materialID.bytes + Array(keyType.utf8)
    }
}
