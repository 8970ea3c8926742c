#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension CofferConfiguration {
    /// Refuses to serve a non-loopback address with the published default root credentials.
    ///
    /// Anyone who has read the README holds the defaults, so on any other interface they are the keys to every
    /// bucket and KMS key. Loopback (`127.0.0.0/8`, `::1`, `localhost`) keeps the zero-setup start of a laptop.
    /// - Throws: a ``CofferConfigurationError`` that says which variables to set.
    public func checkExposure() throws(CofferConfigurationError) {
        guard usesDefaultCredentials, !Self.isLoopback(host) else { return }
        throw CofferConfigurationError(
            message: "Refusing to listen on \(host) with the published default root credentials: anyone could use "
                + "them. Set \(Self.accessKeyIdVariable) and \(Self.secretAccessKeyVariable), or listen on "
                + "127.0.0.1 (loopback).")
    }

    /// True for `localhost`, an IPv4 address in 127.0.0.0/8 and the IPv6 loopback `::1` (also as
    /// `::ffff:127.x.y.z`); false for every other address or host name, `0.0.0.0` and `::` included.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "localhost." { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, name, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, name, &ipv6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &ipv6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }  // ::1
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return mapped && bytes[12] == 127  // ::ffff:127.x.y.z
    }
}
