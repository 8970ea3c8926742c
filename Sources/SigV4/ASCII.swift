/// Byte-level string helpers for the request path.
///
/// Hand-written because `Character`-based operations (`split`, `trimmingCharacters`, `lowercased()`) run the
/// grapheme breaking and Unicode case machinery on every byte, and allocate: parsing one `Authorization`
/// header that way cost more instructions than the rest of a KMS request. HTTP field names are ASCII tokens
/// (RFC 9110 §5.1), so their case folds byte by byte; other bytes compare exactly.
enum ASCII {
    /// True for SigV4's whitespace: space and horizontal tab.
    @inline(__always)
    static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// The lower-case form of one ASCII byte; other bytes unchanged.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// True when `name`, with its ASCII letters lower-cased, is `lowercaseName` (itself already lower-case).
    static func equalsIgnoringCase(_ name: String, _ lowercaseName: String) -> Bool {
        guard name.utf8.count == lowercaseName.utf8.count else { return false }
        var name = name
        var lowercaseName = lowercaseName
        return name.withUTF8 { name in
            lowercaseName.withUTF8 { expected in
                for index in name.indices where lowercased(name[index]) != expected[index] { return false }
                return true
            }
        }
    }

    /// `string` with its ASCII letters lower-cased; `string` itself when it has none in upper case.
    static func lowercased(_ string: some StringProtocol) -> String {
        guard string.utf8.contains(where: { $0 &- UInt8(ascii: "A") < 26 }) else { return String(string) }
        return String(decoding: string.utf8.map(lowercased), as: UTF8.self)
    }
}

extension Substring {
    /// Drops leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        guard let first = self.utf8.firstIndex(where: { !ASCII.isSpaceOrTab($0) }) else {
            return self[self.endIndex...]
        }
        let last = self.utf8.lastIndex(where: { !ASCII.isSpaceOrTab($0) })!
        // Both indices sit on ASCII bytes, so they are character boundaries.
        return self[first...last]
    }
}

extension String {
    /// Drops leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        self[...].trimmingASCIISpaces()
    }
}
