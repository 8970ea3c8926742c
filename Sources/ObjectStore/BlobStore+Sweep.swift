#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension BlobStore {
    /// Deletes every file in the temporary directory; returns how many.
    func removeAllTemporaries() async throws -> Int {
        let directory = temporaryDirectory
        return try await io {
            let names = try POSIX.listDirectory(directory)
            for name in names { try POSIX.unlink(directory + "/" + name) }
            return names.count
        }
    }

    /// The file names in the fan-out directory for ids starting with `firstByte`.
    func blobNames(firstByte: UInt8) async throws -> [String] {
        let directory = root + "/" + [firstByte].hexString
        return try await io { try POSIX.listDirectory(directory) }
    }

    /// Deletes the named files from the fan-out directory for `firstByte`.
    func removeBlobs(named names: [String], firstByte: UInt8) async throws {
        guard !names.isEmpty else { return }
        let directory = root + "/" + [firstByte].hexString
        try await io {
            for name in names { try POSIX.unlink(directory + "/" + name) }
        }
    }
}

extension POSIX {
    /// The names in a directory, without `.` and `..`.
    static func listDirectory(_ path: String) throws(Failure) -> [String] {
        guard let directory = opendir(path) else { throw Failure(call: "opendir", errno: errno, path: path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
