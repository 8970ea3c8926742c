import Foundation
import TextCodings

/// JSON for `[String: String]` without Foundation's coders, which cost tens of thousands of instructions per
/// small dictionary (`JSONDecoder` about 30k for one pair).
///
/// The writer reproduces the bytes of swift-foundation's `JSONEncoder` with `.sortedKeys` (its `JSONWriter`,
/// as used on Linux): keys in the lexicographic order of their UTF-8 bytes, `"`, `\` and `/` escaped with a
/// backslash, the control characters as `\b \f \n \r \t` or `\u00xx` (lower-case hex), everything else as is.
/// The reader accepts a JSON object whose values are all strings; it returns nil for anything else (other
/// values, duplicate keys, invalid UTF-8, a lone surrogate), which callers hand to `JSONDecoder`.
enum StringDictionaryJSON {
    /// The JSON text of `dictionary`, as UTF-8 bytes.
    static func encode(_ dictionary: [String: String]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(2 + dictionary.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        let pairs =
            dictionary.count < 2
            ? Array(dictionary) : dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (index, pair) in pairs.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(pair.key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendString(pair.value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private static func appendString(_ string: String, to bytes: inout [UInt8]) {
        JSONString.append(string, to: &bytes, escapingSlash: true)
    }

    /// The dictionary in `bytes`, or nil when they are not a JSON object of strings this reader handles.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [String: String]? {
        var reader = Reader(bytes: bytes)
        return reader.object()
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        mutating func object() -> [String: String]? {
            skipWhitespace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var dictionary: [String: String] = [:]
            skipWhitespace()
            if !take(UInt8(ascii: "}")) {
                repeat {
                    skipWhitespace()
                    guard let key = string() else { return nil }
                    skipWhitespace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipWhitespace()
                    guard let value = string(), dictionary.updateValue(value, forKey: key) == nil else { return nil }
                    skipWhitespace()
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            skipWhitespace()
            return position == bytes.count ? dictionary : nil
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        private mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        /// A string; its unescaped runs are copied as they are, then validated as UTF-8 once.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    let run = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                    position += 1
                    return String(validating: run, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    return escapedString(prefix: UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
                case 0x00..<0x20:
                    return nil
                default:
                    position += 1
                }
            }
            return nil
        }

        /// The rest of a string that has an escape at `position`.
        private mutating func escapedString(prefix: UnsafeRawBufferPointer) -> String? {
            var utf8 = Array(prefix)
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard appendEscape(to: &utf8) else { return nil }
                case 0x00..<0x20:
                    return nil
                default:
                    utf8.append(byte)
                }
            }
            return nil
        }

        /// Appends the character of the escape after a backslash; false if it is malformed.
        private mutating func appendEscape(to utf8: inout [UInt8]) -> Bool {
            guard position < bytes.count else { return false }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape() else { return false }
                utf8.append(contentsOf: UTF8.encode(scalar)!)
            default: return false
            }
            return true
        }

        /// The scalar of `XXXX` after `\u`, joining a surrogate pair written as two escapes.
        private mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let unit = hex4() else { return nil }
            guard UTF16.isLeadSurrogate(unit) else { return Unicode.Scalar(unit) }
            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let trail = hex4(), UTF16.isTrailSurrogate(trail)
            else { return nil }
            return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00))
        }

        private mutating func hex4() -> UInt16? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt16 = 0
            for _ in 0..<4 {
                guard let digit = Hex.value(ofDigit: bytes[position]) else { return nil }
                value = value << 4 | UInt16(digit)
                position += 1
            }
            return value
        }

    }
}
