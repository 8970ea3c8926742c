import Foundation

/// The one ciphertext blob format of the key service (version 1), and its one parser.
///
/// ```
/// offset  size  field
///      0     1  version = 0x01
///      1    16  key id (raw UUID bytes)
///     17    32  key material id
///     49    16  salt of the per-blob HKDF-SHA256 key derivation
///     65    12  AES-GCM nonce
///     77     n  ciphertext (n = plaintext length, 1...4096)
///   77+n    16  AES-GCM tag
/// ```
/// The header is bytes 0..<65; the AAD is `header || canonical(encryptionContext)`. See docs/kms.md.
struct CiphertextBlob: Sendable, Equatable {
    /// Why bytes are not a blob of this service.
    enum ParseError: Error, Equatable {
        case truncated
        case unsupportedVersion(UInt8)
    }

    static let version: UInt8 = 1
    static let saltCount = 16
    static let nonceCount = 12
    static let tagCount = 16
    /// version + key id + material id + salt.
    static let headerCount = 1 + 16 + KeyMaterialID.byteCount + saltCount
    /// The smallest well-formed blob: one byte of ciphertext.
    static let minimumCount = headerCount + nonceCount + 1 + tagCount

    var keyID: UUID
    var materialID: KeyMaterialID
    var salt: [UInt8]
    var nonce: [UInt8]
    var ciphertext: [UInt8]
    var tag: [UInt8]

    init(keyID: UUID, materialID: KeyMaterialID, salt: [UInt8], nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        self.keyID = keyID
        self.materialID = materialID
        self.salt = salt
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.tag = tag
    }

    /// Parses a blob; the only place that reads the format.
    init(parsing bytes: [UInt8]) throws(ParseError) {
        guard let first = bytes.first else { throw .truncated }
        guard first == Self.version else { throw .unsupportedVersion(first) }
        guard bytes.count >= Self.minimumCount else { throw .truncated }
        var cursor = 1
        func take(_ count: Int) -> ArraySlice<UInt8> {
            defer { cursor += count }
            return bytes[cursor..<cursor + count]
        }
        let uuid = Array(take(16))
        keyID = UUID(uuid: uuid.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) })
        materialID = KeyMaterialID(bytes: take(KeyMaterialID.byteCount))
        salt = Array(take(Self.saltCount))
        nonce = Array(take(Self.nonceCount))
        ciphertext = Array(take(bytes.count - cursor - Self.tagCount))
        tag = Array(take(Self.tagCount))
    }

    /// The authenticated header: version, key id, material id and salt.
    var header: [UInt8] { Self.header(keyID: keyID, materialID: materialID.bytes, salt: salt) }

    /// The blob's bytes.
    var serialized: [UInt8] { Self.serialize(header: header, nonce: nonce, ciphertext: ciphertext, tag: tag) }

    /// The header of a blob, from its parts (`materialID`: 32 bytes, `salt`: 16 bytes).
    static func header(keyID: UUID, materialID: [UInt8], salt: [UInt8]) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(headerCount)
        header.append(version)
        withUnsafeBytes(of: keyID.uuid) { header.append(contentsOf: $0) }
        header.append(contentsOf: materialID)
        header.append(contentsOf: salt)
        return header
    }

    /// A blob's bytes from its header and the AES-GCM output.
    static func serialize<Nonce: Collection<UInt8>, Ciphertext: Collection<UInt8>, Tag: Collection<UInt8>>(
        header: [UInt8], nonce: Nonce, ciphertext: Ciphertext, tag: Tag
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(header.count + nonce.count + ciphertext.count + tag.count)
        bytes.append(contentsOf: header)
        bytes.append(contentsOf: nonce)
        bytes.append(contentsOf: ciphertext)
        bytes.append(contentsOf: tag)
        return bytes
    }

    /// The 16 raw bytes of a UUID.
    static func bytes(of uuid: UUID) -> [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }
}
