import Foundation

/// The check that an S3 XML body's prolog holds no document type declaration.
///
/// Hand-written because `XMLParser` offers no switch to refuse a DTD, and its entity callbacks arrive only after
/// libxml2 has read the declarations. A DOCTYPE may only stand in the prolog, before the root element, and every
/// entity declaration inside one, so the prolog is all that needs reading: the XML declaration, processing
/// instructions, comments and white space are skipped; `<!` anything else refuses the body. The body must be
/// UTF-8 (or ASCII): a UTF-16 or UTF-32 body, or an encoding declaration naming another charset, is refused too,
/// since its markup would not be visible to this byte scan (S3 bodies are UTF-8). The whole body must be valid
/// UTF-8: Foundation's `XMLParser` on Linux traps on an element name that is not (found by `Fuzz: S3 XML`).
enum XMLProlog {
    /// Whether `bytes` is valid UTF-8 and begins with a plain prolog (no DOCTYPE) and the root element's start.
    static func isPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        isValidUTF8(bytes) && prologIsPlain(bytes)
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or truncated sequences).
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private static func prologIsPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        while true {
            rest = rest.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            guard rest.first == UInt8(ascii: "<"), let next = rest.dropFirst().first else { return false }
            switch next {
            case UInt8(ascii: "?"):
                guard let end = start(of: Array("?>".utf8), in: rest) else { return false }
                guard declaresOnlyUTF8(rest[..<end]) else { return false }
                rest = rest[end...].dropFirst(2)
            case UInt8(ascii: "!"):
                guard rest.starts(with: Array("<!--".utf8)), let end = start(of: Array("-->".utf8), in: rest)
                else { return false }
                rest = rest[end...].dropFirst(3)
            default:
                return isNameStart(next)
            }
        }
    }

    /// The index where `needle` first starts in `haystack`, or nil.
    private static func start<C: Collection<UInt8>>(of needle: [UInt8], in haystack: C) -> C.Index? {
        var index = haystack.startIndex
        while index != haystack.endIndex {
            if haystack[index...].starts(with: needle) { return index }
            index = haystack.index(after: index)
        }
        return nil
    }

    /// Whether a processing instruction names no encoding, or UTF-8 (any case); `<?xml ... encoding="...">`.
    private static func declaresOnlyUTF8(_ instruction: some Collection<UInt8>) -> Bool {
        let text = String(decoding: instruction, as: UTF8.self).lowercased()
        guard text.hasPrefix("<?xml"), let range = text.range(of: "encoding") else { return true }
        let value = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        return value.hasPrefix("utf-8") || value.hasPrefix("utf8") || value.hasPrefix("us-ascii")
    }

    /// An XML name's first byte: an ASCII letter, `_`, `:` or the lead byte of a non-ASCII character.
    private static func isNameStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        case UInt8(ascii: "_"), UInt8(ascii: ":"), 0xC2...0xF4: true
        default: false
        }
    }
}
