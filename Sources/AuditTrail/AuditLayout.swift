/// Where the audit trail lives under Coffer's data directory.
public enum AuditLayout {
    /// The audit directory of a data directory: `<data>/audit` (mode 0700; files 0600).
    public static func directory(dataDirectory: String) -> String {
        dataDirectory.hasSuffix("/") ? dataDirectory + "audit" : dataDirectory + "/audit"
    }
}
