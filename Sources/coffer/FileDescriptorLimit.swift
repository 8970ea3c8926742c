#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let openFiles = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#else
    private let openFiles = RLIMIT_NOFILE
#endif

/// The process's open-file limit, which bounds connections before `--max-connections` does.
enum FileDescriptorLimit {
    /// Descriptors kept for the databases, blob files and audit files beside the connections.
    static let reserve = 256

    /// Raises the soft `RLIMIT_NOFILE` towards the hard limit so that `connections` sockets plus ``reserve`` fit
    /// (many systems start processes at a soft limit of 1,024). Returns the soft limit in force afterwards.
    @discardableResult
    static func raise(toFit connections: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(openFiles, &limit) == 0 else { return 0 }
        let wanted = rlim_t(connections + reserve)
        if limit.rlim_cur < wanted, limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = min(wanted, limit.rlim_max)
            if setrlimit(openFiles, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }
}
