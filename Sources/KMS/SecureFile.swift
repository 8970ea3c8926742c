import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owner-only files and directories for the root key, the key database and the data folder, made durable.
package enum SecureFile {
    /// A file or directory operation failed.
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// Creates `path` and its missing parents with mode 0700, and fsyncs each one it created into its parent, so
    /// the folder and what is later created in it survive a power cut; does nothing if `path` exists.
    package static func createDirectory(atPath path: String) throws {
        var info = stat()
        guard !path.isEmpty, stat(path, &info) != 0 else { return }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path { try createDirectory(atPath: parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw Failure(description: "cannot create directory \(path) (errno \(errno))")
        }
        try syncDirectory(atPath: parent.isEmpty ? "." : parent)
    }

    /// fsyncs the directory `path`, making its entries (new files, renames) durable.
    package static func syncDirectory(atPath path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open directory \(path) (errno \(errno))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(description: "cannot sync \(path) (errno \(errno))") }
    }

    /// Creates a new file with mode 0600 (never briefly wider), writes `contents` to it, and fsyncs it and its
    /// directory.
    package static func create(atPath path: String, contents: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(description: "cannot create \(path) (errno \(errno))") }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            throw Failure(description: "cannot write \(path) (errno \(errno))")
        }
        let directory = (path as NSString).deletingLastPathComponent
        try syncDirectory(atPath: directory.isEmpty ? "." : directory)
    }

    /// The permission bits of `path` (e.g. 0o644) when they give its group or others any access; nil when they
    /// give none (or the file cannot be examined).
    static func groupOrOtherPermissions(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        return info.st_mode & 0o777
    }

    /// Sets mode 0600 on `path` if it exists.
    static func restrictToOwner(_ path: String) {
        _ = chmod(path, 0o600)
    }
}
