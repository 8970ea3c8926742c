#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address block in CIDR notation, as the `IpAddress` and `NotIpAddress` operators take it
/// (`203.0.113.0/24`, `2001:db8::/32`; an address alone is a /32 or /128).
///
/// Addresses are parsed by the C library's `inet_pton`, the reference parser of both notations. An IPv4-mapped
/// IPv6 address (`::ffff:203.0.113.7`, how a dual-stack socket reports an IPv4 peer) is compared as IPv4.
struct IPBlock: Sendable, Hashable {
    /// 4 or 16 bytes, with the bits past the prefix cleared.
    let network: [UInt8]
    let prefixLength: Int

    /// Parses `text` as a block; nil when it is not an address with an optional `/prefix` in range.
    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.address(String(parts[0])) else { return nil }
        let bits = address.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), let parsed = Int(parts[1]),
                (0...bits).contains(parsed)
            else { return nil }
            prefix = parsed
        }
        self.network = Self.masked(address, prefix)
        self.prefixLength = prefix
    }

    /// Whether `address` (an IPv4 or IPv6 address, no prefix) lies in this block.
    func contains(_ address: String) -> Bool {
        guard let bytes = Self.address(address), bytes.count == self.network.count else { return false }
        return Self.masked(bytes, self.prefixLength) == self.network
    }

    /// The address's 4 (IPv4, or IPv4-mapped IPv6) or 16 bytes, or nil.
    static func address(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]
        return Array(bytes.prefix(12)) == mappedPrefix ? Array(bytes.suffix(4)) : bytes
    }

    private static func masked(_ bytes: [UInt8], _ prefix: Int) -> [UInt8] {
        var result = bytes
        for index in result.indices {
            let kept = min(max(prefix - index * 8, 0), 8)
            result[index] &= kept == 8 ? 0xff : ~(0xff >> UInt8(kept))
        }
        return result
    }
}
