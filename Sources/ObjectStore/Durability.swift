/// How hard the store works to survive power loss before it acknowledges a write.
public enum Durability: Sendable, Hashable {
    /// fsync the blob, its directory and the metadata commit (SQLite `synchronous=FULL`) before
    /// acknowledging. An acknowledged object survives power loss. The default.
    case durable
    /// Skip every fsync (SQLite `synchronous=NORMAL`). Crash-consistent after a process crash, but power
    /// loss may lose recently acknowledged objects, or leave a row whose blob is missing or short; such
    /// objects then fail verification on read (never wrong bytes). For tests and scratch data.
    case relaxed
}
