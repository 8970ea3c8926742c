/// Byte-level string helpers for the request path.
///
/// Hand-written because `Character`-based operations (`split`, `trimmingCharacters`, `lowercased()`) run the
/// grapheme breaking and Unicode case machinery on every byte, and allocate: parsing one `Authorization`
/// header that way cost more instructions than the rest of a KMS request. Header names, the `Authorization`
/// header's syntax and credential scopes are ASCII; non-ASCII input takes the Unicode-correct slow path.
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

    /// `name.lowercased() == lowercaseName`, without allocating when `name` is ASCII.
    /// - Parameter lowercaseName: already lower-case.
    static func equalsIgnoringCase(_ name: some StringProtocol, _ lowercaseName: String) -> Bool {
        guard name.utf8.count == lowercaseName.utf8.count else {
            // Unicode lowercasing can change the length: only non-ASCII names need the slow check.
            return !name.utf8.allSatisfy { $0 < 0x80 } && name.lowercased() == lowercaseName
        }
        var isASCII = true
        var equal = true
        for (byte, expected) in zip(name.utf8, lowercaseName.utf8) {
            isASCII = isASCII && byte < 0x80
            equal = equal && lowercased(byte) == expected
        }
        return isASCII ? equal : name.lowercased() == lowercaseName
    }

    /// `string.lowercased()`, returning `string` itself when it has no upper-case ASCII and no non-ASCII byte.
    static func lowercased(_ string: some StringProtocol) -> String {
        if string.utf8.allSatisfy({ $0 < 0x80 && $0 &- UInt8(ascii: "A") >= 26 }) { return String(string) }
        return string.lowercased()
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
