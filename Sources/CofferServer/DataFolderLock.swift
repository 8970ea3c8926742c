import Foundation
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One server per data folder: an exclusive `flock` on `<data>/coffer.lock` (0600, holding the owner's pid).
///
/// Taken before anything in the folder is swept, created or opened for writing. A second server on the same folder
/// fails at once with ``Held``, naming the folder and the holder's pid. The lock is released when the service stops
/// (it runs first in the ServiceGroup, so it stops last), when the lock is dropped, and by the kernel when the
/// process dies, even by `kill -9`: that is why it is a `flock` and not a pid file. Readers such as `coffer audit`
/// never take it.
final class DataFolderLock: Service, Sendable {
    /// Another process holds the folder.
    struct Held: Error, CustomStringConvertible {
        let description: String
    }

    /// The lock file's name inside the data folder.
    static let fileName = "coffer.lock"

    private let descriptor: Mutex<Int32>

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// Locks `folder` (which must exist) or throws ``Held`` when another process has it.
    static func acquire(folder: URL) throws -> DataFolderLock {
        let path = folder.appendingPathComponent(fileName).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Held(description: "cannot open the lock file \(path) (errno \(errno))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.holder(fd)
            close(fd)
            guard code == EWOULDBLOCK else { throw Held(description: "cannot lock \(path) (errno \(code))") }
            throw Held(
                description: "the data folder \(folder.path) is in use by another coffer server"
                    + (holder.map { " (pid \($0))" } ?? "") + "; stop it first, or pass another --data")
        }
        _ = fchmod(fd, 0o600)
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return DataFolderLock(descriptor: fd)
    }

    /// Holds the lock until graceful shutdown or cancellation, then releases it.
    func run() async throws {
        try? await gracefulShutdown()
        release()
    }

    /// Unlocks and closes the lock file; later calls do nothing.
    func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            close(fd)  // closing the only descriptor of the open file releases the flock
            fd = -1
        }
    }

    /// The pid written by the holder, if readable.
    private static func holder(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
