import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owner-only files and directories for the root key and the key database.
enum SecureFile {
    /// A file or directory operation failed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Creates `path` and its missing parents with mode 0700; does nothing if it exists.
    static func createDirectory(atPath path: String) throws {
        guard !path.isEmpty, !FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot create directory \(path)")
        }
    }

    /// Creates a new file with mode 0600 (never briefly wider) and writes `contents` to it.
    static func create(atPath path: String, contents: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw Failure(description: "cannot create \(path) (errno \(errno))") }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            throw Failure(description: "cannot write \(path) (errno \(errno))")
        }
    }

    /// Sets mode 0600 on `path` if it exists.
    static func restrictToOwner(_ path: String) {
        _ = chmod(path, 0o600)
    }
}
