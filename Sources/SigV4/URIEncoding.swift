/// Percent-encoding as SigV4 defines it.
///
/// Hand-written because Foundation's `addingPercentEncoding` works on `CharacterSet`s that differ from AWS's
/// rules, and `removingPercentEncoding` fails on a lone `%` instead of keeping it. Tested against botocore.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
public enum URIEncoding {
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// True for the unreserved characters `A-Z a-z 0-9 - _ . ~`, which AWS never encodes.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
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
    public static func encode(_ bytes: some Sequence<UInt8>, keepSlash: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 3)
        for byte in bytes {
            if self.isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(self.hexDigits[Int(byte >> 4)])
                out.append(self.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` sequences once. A `%` not followed by two hex digits is kept as is; `+` stays a plus.
    static func decode(_ string: Substring) -> [UInt8] {
        let utf8 = Array(string.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = self.hexValue(utf8[index + 1]), let low = self.hexValue(utf8[index + 2])
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
    static func decodeToString(_ string: Substring) -> String {
        // Most names and values have nothing to decode: copy them as they are.
        guard string.utf8.contains(UInt8(ascii: "%")) else { return String(string) }
        return String(decoding: self.decode(string), as: UTF8.self)
    }

    /// Decodes once, then encodes with AWS rules: the canonical form of one path or query component.
    static func canonicalize(_ string: Substring, keepSlash: Bool) -> String {
        self.encode(self.decode(string), keepSlash: keepSlash)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
