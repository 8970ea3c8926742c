/// Whether the connection serving the current task arrived over TLS.
///
/// ``CofferTLSChannel`` sets it for the whole life of each TLS connection, so every request of that connection reads
/// it when its ``CofferRequestContext`` is made: one task-local read, no await, no pipeline lookup.
public enum TransportSecurity {
    /// True inside the handling of a TLS connection; false elsewhere.
    @TaskLocal public static var isSecure = false
}
