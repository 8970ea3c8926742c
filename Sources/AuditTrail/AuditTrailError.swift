/// A failure of the audit trail's files: the directory, an audit file, or reading one back.
public struct AuditTrailError: Error, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case cannotCreateDirectory
        case cannotOpen
        case cannotWrite
        case cannotSync
        case cannotRead
        case unavailable
    }

    private let code: Code
    /// The file or directory involved.
    public let path: String
    /// The system error number, 0 when none.
    public let errno: Int32

    private init(_ code: Code, path: String, errno: Int32) {
        self.code = code
        self.path = path
        self.errno = errno
    }

    /// The audit directory could not be created or secured.
    public static func cannotCreateDirectory(_ path: String, errno: Int32) -> Self {
        Self(.cannotCreateDirectory, path: path, errno: errno)
    }

    /// An audit file could not be opened.
    public static func cannotOpen(_ path: String, errno: Int32) -> Self { Self(.cannotOpen, path: path, errno: errno) }

    /// Appending to an audit file failed.
    public static func cannotWrite(_ path: String, errno: Int32) -> Self {
        Self(.cannotWrite, path: path, errno: errno)
    }

    /// fsync of an audit file or its directory failed.
    public static func cannotSync(_ path: String, errno: Int32) -> Self { Self(.cannotSync, path: path, errno: errno) }

    /// Reading an audit file or listing the directory failed.
    public static func cannotRead(_ path: String, errno: Int32) -> Self { Self(.cannotRead, path: path, errno: errno) }

    /// The trail did not accept or sync events within the writer's time limit (its last write failed with `errno`,
    /// 0 when none did).
    public static func unavailable(_ directory: String, errno: Int32) -> Self {
        Self(.unavailable, path: directory, errno: errno)
    }

    public var description: String {
        let what =
            switch code {
            case .cannotCreateDirectory: "cannot create audit directory"
            case .cannotOpen: "cannot open audit file"
            case .cannotWrite: "cannot append to audit file"
            case .cannotSync: "cannot sync audit file"
            case .cannotRead: "cannot read audit trail"
            case .unavailable: "audit trail not written in time, in"
            }
        return "\(what) \(path) (errno \(errno))"
    }
}
