import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends batches of JSON lines to the day files of one audit directory, durably.
///
/// Blocking system calls: the writer uses it only on its own I/O queue, one batch at a time, never on the
/// cooperative pool. Files are opened `O_APPEND` with mode 0600 in a 0700 directory. A batch is either
/// wholly appended and fsynced, or the file is truncated back to its previous length so a retry does not
/// duplicate lines. A file whose last line was torn by a crash is first closed with a newline, so new events
/// never glue onto the torn fragment.
final class AuditFileAppender {
    private let directory: String
    private var directoryReady = false
    private var openDay: AuditDay?
    private var descriptor: Int32 = -1

    /// An appender for `directory` (created on first append).
    init(directory: String) {
        self.directory = directory
    }

    deinit {
        close()
    }

    /// Appends `lines` (complete JSON lines) to `day`'s file and fsyncs it.
    func append(_ lines: [UInt8], day: AuditDay) throws(AuditTrailError) {
        let fd = try file(for: day)
        let path = self.path(of: day)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotWrite(path, errno: errno) }
        do throws(AuditTrailError) {
            try Self.writeAll(fd, lines, path: path)
            guard Self.retrying({ fsync(fd) }) == 0 else { throw AuditTrailError.cannotSync(path, errno: errno) }
        } catch {
            _ = ftruncate(fd, info.st_size)
            close()
            throw error
        }
    }

    /// Closes the open file, if any.
    func close() {
        if descriptor >= 0 { _ = systemClose(descriptor) }
        descriptor = -1
        openDay = nil
    }

    private func path(of day: AuditDay) -> String {
        directory + "/" + day.fileName
    }

    private func file(for day: AuditDay) throws(AuditTrailError) -> Int32 {
        if openDay == day, descriptor >= 0 { return descriptor }
        close()
        try prepareDirectory()
        let path = self.path(of: day)
        var fd = Self.retrying { open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        if fd >= 0 {
            // A new file: make its directory entry durable before any event counts as written.
            try syncDirectory()
        } else if errno == EEXIST {
            fd = Self.retrying { open(path, O_RDWR | O_APPEND | O_CLOEXEC) }
            guard fd >= 0 else { throw .cannotOpen(path, errno: errno) }
            _ = fchmod(fd, 0o600)
            do throws(AuditTrailError) { try Self.terminateTornLine(fd, path: path) } catch {
                _ = systemClose(fd)
                throw error
            }
        } else {
            throw .cannotOpen(path, errno: errno)
        }
        descriptor = fd
        openDay = day
        return fd
    }

    private func prepareDirectory() throws(AuditTrailError) {
        guard !directoryReady else { return }
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            // The data directory itself may be missing: create the parents, then try again.
            let parent = (directory as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                throw .cannotCreateDirectory(directory, errno: errno)
            }
        }
        var info = stat()
        guard stat(directory, &info) == 0 else { throw .cannotCreateDirectory(directory, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .cannotCreateDirectory(directory, errno: ENOTDIR) }
        guard chmod(directory, 0o700) == 0 else { throw .cannotCreateDirectory(directory, errno: errno) }
        directoryReady = true
    }

    private func syncDirectory() throws(AuditTrailError) {
        let fd = Self.retrying { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw .cannotSync(directory, errno: errno) }
        defer { _ = systemClose(fd) }
        guard Self.retrying({ fsync(fd) }) == 0 else { throw .cannotSync(directory, errno: errno) }
    }

    /// Appends a newline if the file's last byte is not one (a line torn by a crash).
    private static func terminateTornLine(_ fd: Int32, path: String) throws(AuditTrailError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotOpen(path, errno: errno) }
        guard info.st_size > 0 else { return }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, info.st_size - 1) == 1 else { throw .cannotRead(path, errno: errno) }
        guard last != 0x0A else { return }
        try writeAll(fd, [0x0A], path: path)
    }

    private static func writeAll(_ fd: Int32, _ data: [UInt8], path: String) throws(AuditTrailError) {
        let failure: Int32? = data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let written = retrying { write(fd, bytes.baseAddress! + done, bytes.count - done) }
                guard written > 0 else { return errno }
                done += written
            }
            return nil
        }
        if let failure { throw .cannotWrite(path, errno: failure) }
    }

    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

// The C function, under a name that the appender's own `close()` does not shadow.
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
