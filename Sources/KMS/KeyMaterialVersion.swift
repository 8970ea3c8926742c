import Crypto

/// One version of a key's material, unsealed and held in memory.
///
/// The bytes live only in the `SymmetricKey` and in the keyed HMAC state derived from it (both swift-crypto
/// types, neither Codable nor printable); `description` shows the id alone.
struct KeyMaterialVersion: Sendable, CustomStringConvertible {
    /// The material id.
    let id: KeyMaterialID
    /// The material id as the API shows it, computed once.
    let hex: String
    /// The material id's 32 bytes, as the blob header carries them, computed once.
    let idBytes: [UInt8]
    /// The 256-bit AES key.
    let key: SymmetricKey
    /// `HMAC-SHA256(key)` already fed with the HKDF label, so a blob key costs two SHA-256 blocks.
    private let blobKeyPrefix: HMAC<SHA256>

    init(id: KeyMaterialID, key: SymmetricKey) {
        self.id = id
        self.hex = id.hex
        self.idBytes = id.bytes
        self.key = key
        var prefix = HMAC<SHA256>(key: key)
        prefix.update(data: BlobCipher.label)
        self.blobKeyPrefix = prefix
    }

    /// Fresh random 256-bit material under a fresh id.
    static func generate() -> KeyMaterialVersion {
        KeyMaterialVersion(id: .random(), key: SymmetricKey(size: .bits256))
    }

    /// The AES key of one blob: `HKDF-Expand-SHA256(PRK: key, info: label || salt, L: 32)`, which for a
    /// single output block is `HMAC-SHA256(key, label || salt || 0x01)` (RFC 5869 §2.3).
    func blobKey(salt: [UInt8]) -> SymmetricKey {
        var hmac = blobKeyPrefix
        hmac.update(data: salt + [0x01])
        return SymmetricKey(data: hmac.finalize())
    }

    var description: String { "KeyMaterialVersion(\(hex))" }
}
