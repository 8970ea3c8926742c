/// The identifier of one version of a key's material: 32 random bytes, shown as 64 lowercase hex characters.
///
/// Held as four words so the decrypt path hashes it without allocating.
struct KeyMaterialID: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The number of bytes in the ciphertext blob.
    static let byteCount = 32

    /// Reads the identifier from exactly 32 bytes.
    init<Bytes: Collection<UInt8>>(bytes: Bytes) {
        precondition(bytes.count == Self.byteCount)
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.enumerated() { words[index / 8] = words[index / 8] << 8 | UInt64(byte) }
        self.words = (words[0], words[1], words[2], words[3])
    }

    /// Parses 64 lowercase hex characters.
    init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes: bytes)
    }

    /// A fresh random identifier.
    static func random() -> KeyMaterialID {
        KeyMaterialID(bytes: SecureRandom.bytes(byteCount))
    }

    /// The 32 bytes, big-endian word by word.
    var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in
            (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }
        }
    }

    /// The 64 lowercase hex characters of the API (`KeyMaterialId`, `CurrentKeyMaterialId`).
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(64)
        for byte in bytes {
            utf8.append(digits[Int(byte >> 4)])
            utf8.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    static func == (lhs: KeyMaterialID, rhs: KeyMaterialID) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
