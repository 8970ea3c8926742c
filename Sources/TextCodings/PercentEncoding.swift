/// Percent-encoding as AWS defines it for SigV4's canonical requests and S3's `encoding-type=url` listings, and the
/// decoding of paths and query components.
///
/// Hand-written because Foundation's `addingPercentEncoding` works on `CharacterSet`s that differ from AWS's rules,
/// and `removingPercentEncoding` fails on a lone `%` instead of keeping it. Tested against botocore (SigV4Tests).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
public enum PercentEncoding {
    @usableFromInline static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// True for the unreserved characters `A-Z a-z 0-9 - _ . ~`, which AWS never encodes.
    @inlinable @inline(__always)
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Encodes every byte except the unreserved ones (and `/` when `keepSlash`) as `%XX`, upper-case hex.
    @inlinable
    public static func encode(_ bytes: some Sequence<UInt8>, keepSlash: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 3)
        for byte in bytes {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHexDigits[Int(byte >> 4)])
                out.append(upperHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` sequences once. A `%` not followed by two hex digits is kept as is; `+` stays a plus.
    @inlinable
    public static func decode(_ string: Substring) -> [UInt8] {
        let utf8 = Array(string.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = Hex.value(ofDigit: utf8[index + 1]), let low = Hex.value(ofDigit: utf8[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(utf8[index])
                index += 1
            }
        }
        return out
    }

    /// Decodes `%XX` sequences once into a string (invalid UTF-8 is repaired).
    @inlinable
    public static func decodeToString(_ string: Substring) -> String {
        // Most names and values have nothing to decode: copy them as they are.
        guard string.utf8.contains(UInt8(ascii: "%")) else { return String(string) }
        return String(decoding: decode(string), as: UTF8.self)
    }

    /// Decodes once, then encodes with AWS rules: the canonical form of one path or query component.
    @inlinable
    public static func canonicalize(_ string: Substring, keepSlash: Bool) -> String {
        encode(decode(string), keepSlash: keepSlash)
    }
}
