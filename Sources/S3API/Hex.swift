/// Lower-case hex encoding of digests (SHA-256 chunk hashes, MD5 in errors).
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hex, two digits per byte.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `bytes` as space-separated two-digit hex, as S3 reports `StringToSignBytes`.
    static func spacedBytes(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { encode(CollectionOfOne($0)) }.joined(separator: " ")
    }

    /// Whether `text` is 64 hex digits (a SHA-256), either case.
    static func isSHA256(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                    UInt8(ascii: "A")...UInt8(ascii: "F"):
                    true
                default: false
                }
            }
    }
}
