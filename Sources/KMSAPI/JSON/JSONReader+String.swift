extension JSONReader {
    /// A string at the current `"`: its bytes as they are when it has no escape, else unescaped.
    /// - Throws: on raw control characters, bad escapes, lone surrogates, invalid UTF-8 or a missing `"`.
    mutating func parseString() throws(SyntaxError) -> String {
        offset += 1
        let start = offset
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                let string = try validated(bytes[start..<offset])
                offset += 1
                return string
            case UInt8(ascii: "\\"):
                return try parseEscapedString(from: start)
            case ..<0x20:
                throw error()
            default:
                offset += 1
            }
        }
        throw error()
    }

    /// The rest of a string that has escapes, from its first byte at `start`.
    private mutating func parseEscapedString(from start: Int) throws(SyntaxError) -> String {
        var unescaped: [UInt8] = Array(bytes[start..<offset])
        while let byte = next() {
            switch byte {
            case UInt8(ascii: "\""):
                return try validated(unescaped)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &unescaped)
            case ..<0x20:
                throw error(at: offset - 1)
            default:
                unescaped.append(byte)
            }
        }
        throw error()
    }

    /// Appends the character of the escape after a `\`.
    private mutating func appendEscape(to unescaped: inout [UInt8]) throws(SyntaxError) {
        guard let escape = next() else { throw error() }
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"):
            guard let scalar = try parseUnicodeEscape() else { throw error() }
            unescaped.append(contentsOf: UTF8.encode(scalar)!)
        default: throw error(at: offset - 1)
        }
    }

    /// The scalar of `\uXXXX` (its `u` already read), joining a UTF-16 surrogate pair; nil for a lone surrogate.
    private mutating func parseUnicodeEscape() throws(SyntaxError) -> Unicode.Scalar? {
        let unit = try parseHex4()
        switch unit {
        case 0xD800..<0xDC00:
            guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else { return nil }
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
        case 0xDC00..<0xE000:
            return nil
        default:
            return Unicode.Scalar(unit)
        }
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = next() else { throw error() }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(at: offset - 1)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The string of some UTF-8 bytes; ASCII (nearly every KMS string) skips the costlier validation.
    private func validated(_ utf8: some Collection<UInt8>) throws(SyntaxError) -> String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: utf8, as: UTF8.self) }
        guard let string = String(validating: utf8, as: UTF8.self) else { throw error() }
        return string
    }
}
