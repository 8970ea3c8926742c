/// JSON string writing (RFC 8259 §7) as swift-foundation's `JSONEncoder` writes strings: `"` and `\` (and, where
/// asked, `/`) escaped with a backslash, the control characters as `\b \f \n \r \t` or `\u00xx` (lower-case hex),
/// everything else, non-ASCII UTF-8 included, copied as it is.
///
/// One implementation for the writers of the KMS's JSON answers, the audit trail's lines and the object rows'
/// string dictionaries, which each kept a copy. Runs of bytes that need no escaping are copied at once; everything is
/// `@inlinable` because the KMS and the audit trail write several strings per request.
public enum JSONString {
    /// Appends `string` quoted and escaped to `output`.
    @inlinable
    public static func append(_ string: String, to output: inout [UInt8], escapingSlash: Bool = false) {
        output.append(UInt8(ascii: "\""))
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable {
            appendEscaped($0, to: &output, escapingSlash: escapingSlash)
        }
        if copied == nil {
            // A bridged or otherwise non-contiguous string: make a native copy once.
            var native = string
            native.makeContiguousUTF8()
            native.utf8.withContiguousStorageIfAvailable {
                appendEscaped($0, to: &output, escapingSlash: escapingSlash)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the UTF-8 `bytes`, escaped for the inside of a JSON string (no quotes), to `output`.
    @inlinable
    public static func appendEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], escapingSlash: Bool = false
    ) {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard
                byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                    || (escapingSlash && byte == UInt8(ascii: "/"))
            else { continue }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            appendEscape(of: byte, to: &output)
            runStart = index + 1
        }
        if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// The escape sequence of one byte that is not written as it is.
    @inlinable
    static func appendEscape(of byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            output.append(contentsOf: "u00".utf8)
            Hex.digits.withUTF8Buffer { digits in
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            }
        }
    }
}
