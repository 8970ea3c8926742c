/// The S3 general-purpose bucket naming rules (protocol notes §7.2).
enum BucketName {
    private static let forbiddenPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"]
    private static let forbiddenSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]

    /// Whether `name` is a valid bucket name: 3-63 characters of `a-z0-9.-`, starting and ending with a
    /// letter or digit, no `..`, not an IPv4 address, and none of the reserved prefixes and suffixes.
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        guard bytes.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
        else { return false }
        guard isLowerAlphanumeric(bytes.first!), isLowerAlphanumeric(bytes.last!) else { return false }
        guard !name.contains(".."), !isIPv4Address(name) else { return false }
        guard !forbiddenPrefixes.contains(where: name.hasPrefix) else { return false }
        return !forbiddenSuffixes.contains(where: name.hasSuffix)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isIPv4Address(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in part.allSatisfy(\.isNumber) && Int(part).map { $0 <= 255 } == true }
    }
}
