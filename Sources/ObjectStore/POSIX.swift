#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin throwing wrappers over the few system calls the blob store needs.
///
/// They block, so they run only on the store's `NIOThreadPool`, never on an event loop or in the
/// cooperative pool directly.
enum POSIX {
    /// A failed system call, with the file it was about.
    struct Failure: Error, CustomStringConvertible {
        let call: String
        let errno: Int32
        let path: String
        var description: String { "\(call) \(path) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
        var isNotFound: Bool { errno == ENOENT }
        /// The file system is full or the user's quota is used up: freeing space fixes it.
        var isOutOfSpace: Bool { errno == ENOSPC || errno == EDQUOT }
    }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(Failure) -> Int32 {
        let fd = retrying { systemOpen(path, flags | O_CLOEXEC, mode) }
        guard fd >= 0 else { throw Failure(call: "open", errno: errno, path: path) }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws(Failure) {
        var done = 0
        while done < bytes.count {
            let n = retrying { pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done)) }
            guard n > 0 else { throw Failure(call: "pwrite", errno: n == 0 ? ENOSPC : errno, path: path) }
            done += n
        }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    static func read(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String
    ) throws(Failure) -> Int {
        var done = 0
        while done < buffer.count {
            let n = retrying { pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done)) }
            guard n >= 0 else { throw Failure(call: "pread", errno: errno, path: path) }
            if n == 0 { break }
            done += n
        }
        return done
    }

    static func fsync(_ fd: Int32, path: String) throws(Failure) {
        guard retrying({ systemFsync(fd) }) == 0 else { throw Failure(call: "fsync", errno: errno, path: path) }
    }

    static func fsyncDirectory(_ path: String) throws(Failure) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    static func rename(_ from: String, _ to: String) throws(Failure) {
        guard systemRename(from, to) == 0 else { throw Failure(call: "rename", errno: errno, path: to) }
    }

    /// Removes a file; a missing file is not an error.
    static func unlink(_ path: String) throws(Failure) {
        guard systemUnlink(path) == 0 || errno == ENOENT else {
            throw Failure(call: "unlink", errno: errno, path: path)
        }
    }

    static func size(_ fd: Int32, path: String) throws(Failure) -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(call: "fstat", errno: errno, path: path) }
        return Int64(info.st_size)
    }

    /// Creates a directory with mode 0700; an existing one is fine.
    static func makeDirectory(_ path: String) throws(Failure) {
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw Failure(call: "mkdir", errno: errno, path: path) }
    }

    static func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

// The module-level functions, renamed so the wrappers above can reuse their names.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func systemUnlink(_ path: String) -> Int32 { unlink(path) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
