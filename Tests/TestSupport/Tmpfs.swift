public import Foundation

/// A small tmpfs mounted for a test: a disk that fills up, for tests of `ENOSPC`.
///
/// Needs root (`mount -t tmpfs`), as in CI and in the development container. Where mounting is not permitted,
/// tests that need it are disabled with a visible reason, unless `COFFER_REQUIRE_INTEROP=1` (set by CI): then they
/// run and fail.
public struct Tmpfs: Sendable {
    /// The mount point.
    public let url: URL

    /// Whether tests that need a tmpfs run: mounting works here, or CI requires them.
    public static let testsRun: Bool =
        ProcessInfo.processInfo.environment["COFFER_REQUIRE_INTEROP"] == "1" || probe()

    /// Mounts a tmpfs of `megabytes` MiB on a new temporary folder.
    public static func mount(megabytes: Int) throws -> Tmpfs {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-tmpfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let status = run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", url.path])
        guard status == 0 else {
            try? FileManager.default.removeItem(at: url)
            throw TmpfsError(description: "mount -t tmpfs failed with status \(status) (not root?)")
        }
        return Tmpfs(url: url)
    }

    /// Unmounts and removes the mount point.
    public func unmount() {
        _ = Self.run("/bin/umount", [url.path])
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes zeros to `name` until the disk is full; returns the bytes written.
    @discardableResult
    public func fill(_ name: String) -> Int {
        let path = url.appendingPathComponent(name).path
        guard let file = fopen(path, "w") else { return 0 }
        defer { fclose(file) }
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        // Bounded: a tmpfs of a few MiB fills in a few hundred chunks; stop at 1 GiB whatever happens.
        while total < 1 << 30 {
            let written = chunk.withUnsafeBytes { fwrite($0.baseAddress, 1, chunk.count, file) }
            total += written
            if written < chunk.count || fflush(file) != 0 { break }
        }
        return total
    }

    private static func probe() -> Bool {
        guard let tmpfs = try? mount(megabytes: 1) else { return false }
        tmpfs.unmount()
        return true
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Mounting a tmpfs failed.
public struct TmpfsError: Error, CustomStringConvertible {
    public let description: String
}
