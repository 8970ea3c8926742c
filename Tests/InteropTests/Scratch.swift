import Foundation
import Testing

/// A temporary folder for the files a client uploads and downloads, with fast file generation and comparison.
struct Scratch {
    static let mebibyte = 1 << 20

    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` in the folder (not created).
    func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `size` bytes to `name`, creating intermediate folders: one random block of up to 1 MiB repeated, so
    /// 100 MiB take a fraction of a second. The last bytes are the name, so no two files are equal.
    @discardableResult
    func file(_ name: String, size: Int) throws -> URL {
        let file = path(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let block = Data((0..<min(size, Self.mebibyte)).map { _ in UInt8.random(in: 0...255) })
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var written = 0
        // Bounded: size / 1 MiB + 1 writes.
        while written < size {
            let chunk = block.prefix(size - written)
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
        let tag = Data(name.utf8).prefix(size)
        try handle.seek(toOffset: UInt64(size - tag.count))
        try handle.write(contentsOf: tag)
        return file
    }

    /// Whether two files hold the same bytes (`cmp`, which streams).
    static func identical(_ a: URL, _ b: URL) async throws -> Bool {
        try await Shell.run("/usr/bin/env", ["cmp", "-s", a.path, b.path]).status == 0
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: url) }
}
