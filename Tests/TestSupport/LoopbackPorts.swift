#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Free TCP ports on 127.0.0.1 for servers a test starts as processes.
public enum LoopbackPorts {
    /// `count` distinct ports P in 20000..<30000 such that P and P + 10000 are both free, as SeaweedFS needs (each of
    /// its gRPC ports is its HTTP port + 10000). Another process may still take one before the server binds it.
    public static func pairs(count: Int) throws -> [Int] {
        var ports: [Int] = []
        // Bounded: at most 1,000 random candidates.
        for _ in 0..<1000 where ports.count < count {
            let port = Int.random(in: 20_000..<30_000)
            if !ports.contains(port), isFree(port), isFree(port + 10_000) { ports.append(port) }
        }
        guard ports.count == count else { throw SeaweedFSError("no \(count) free loopback port pairs were found") }
        return ports
    }

    /// True when a TCP socket can bind `127.0.0.1:port` now.
    public static func isFree(_ port: Int) -> Bool {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
