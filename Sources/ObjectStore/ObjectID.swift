/// A random 128-bit identity for one stored object version: names its blob and is bound into its ciphertext.
///
/// A new PUT always gets a new id, so blobs are never overwritten in place and an object's data key,
/// nonces and blob name are never reused.
struct ObjectID: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes.
    let bytes: [UInt8]

    /// Draws a fresh random id.
    static func random() -> ObjectID {
        var generator = SystemRandomNumberGenerator()
        return ObjectID(unchecked: (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    private init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Wraps stored bytes, or returns `nil` when they are not 16 bytes long.
    init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        self.bytes = Array(bytes)
    }

    /// Parses 32 lower-case hex digits (a blob file name).
    init?(hex: some StringProtocol) {
        guard hex.utf8.count == 32 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.bytes = bytes
    }

    /// 32 lower-case hex digits.
    var hex: String {
        bytes.hexString
    }

    var description: String { hex }
}

extension Sequence<UInt8> {
    /// Lower-case hex encoding.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
