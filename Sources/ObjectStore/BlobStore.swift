import Logging
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The blob files under `<data>/objects/`: one immutable file per object id, written through a temporary.
///
/// Layout: `objects/tmp/<id>.tmp` while writing, then `objects/<id[0..<2]>/<id>` (256 fan-out
/// directories, created once at open). Files are 0600, directories 0700. All I/O runs on `threadPool`.
struct BlobStore: Sendable {
    let root: String
    let threadPool: NIOThreadPool
    let durability: Durability
    /// Where failed system calls are logged, with their errno and path.
    var logger = Logger(label: "coffer.objectstore")

    var temporaryDirectory: String { root + "/tmp" }

    /// The final path of an object's blob.
    func path(for id: ObjectID) -> String {
        let hex = id.hex
        return "\(root)/\(hex.prefix(2))/\(hex)"
    }

    func temporaryPath(for id: ObjectID) -> String {
        "\(temporaryDirectory)/\(id.hex).tmp"
    }

    /// Creates the directory tree if needed.
    func prepareDirectories() async throws {
        try await io {
            try POSIX.makeDirectory(root)
            try POSIX.makeDirectory(temporaryDirectory)
            for byte in 0...255 {
                try POSIX.makeDirectory("\(root)/\([UInt8(byte)].hexString)")
            }
            if durability == .durable { try POSIX.fsyncDirectory(root) }
        }
    }

    /// Creates the temporary file a new blob is written into.
    func createTemporary(for id: ObjectID) async throws -> BlobFile {
        let path = temporaryPath(for: id)
        return try await io {
            BlobFile(descriptor: try POSIX.open(path, O_WRONLY | O_CREAT | O_EXCL), path: path)
        }
    }

    /// Writes bytes at an offset of a temporary blob.
    func write(_ bytes: [UInt8], to file: BlobFile, at offset: Int64) async throws {
        try await io {
            try bytes.withUnsafeBytes { buffer in
                try POSIX.writeAll(file.descriptor, buffer, at: offset, path: file.path)
            }
        }
    }

    /// Makes a finished temporary blob durable and moves it to its final name.
    ///
    /// Writes `tail` at `offset` (creating the temporary file first if `file` is nil, so a small object
    /// costs one thread-pool hop), then: fsync the file, rename it, fsync the destination directory
    /// (durable mode). After this returns the blob survives a crash; it stays invisible until its
    /// metadata row commits.
    func publish(_ file: BlobFile?, as id: ObjectID, writing tail: [UInt8], at offset: Int64) async throws {
        let temporary = temporaryPath(for: id)
        let destination = path(for: id)
        let directory = String(destination.dropLast(id.hex.utf8.count + 1))
        let durable = durability == .durable
        try await io {
            let file =
                try file ?? BlobFile(descriptor: POSIX.open(temporary, O_WRONLY | O_CREAT | O_EXCL), path: temporary)
            try tail.withUnsafeBytes { buffer in
                try POSIX.writeAll(file.descriptor, buffer, at: offset, path: temporary)
            }
            if durable { try POSIX.fsync(file.descriptor, path: temporary) }
            try POSIX.rename(temporary, destination)
            if durable { try POSIX.fsyncDirectory(directory) }
        }
    }

    /// Removes a blob's temporary and final files, ignoring errors (the orphan sweep is the backstop).
    ///
    /// Runs in an unstructured task so that cleanup still happens when the request was cancelled.
    func discard(_ id: ObjectID) async {
        let paths = [temporaryPath(for: id), path(for: id)]
        await Task {
            _ = try? await io {
                for path in paths { try POSIX.unlink(path) }
            }
        }.value
    }

    /// Deletes a replaced or deleted object's blob, ignoring errors (the orphan sweep is the backstop).
    func remove(_ id: ObjectID) async {
        let path = path(for: id)
        await Task {
            _ = try? await io { try POSIX.unlink(path) }
        }.value
    }

    /// Opens a blob for reading and, in the same hop, reads its first `prefix` bytes (at least the
    /// header; the whole blob when it is small). Returns `nil` if the blob does not exist.
    func openForReading(_ id: ObjectID, prefix: Int) async throws -> OpenedBlob? {
        let path = path(for: id)
        let opened = try await io { () throws -> (file: BlobFile, size: Int64, prefix: [UInt8])? in
            let descriptor: Int32
            do {
                descriptor = try POSIX.open(path, O_RDONLY)
            } catch let error as POSIX.Failure where error.isNotFound {
                return nil
            }
            let file = BlobFile(descriptor: descriptor, path: path)
            let bytes = try Self.read(file, count: prefix, at: 0)
            return (file, try POSIX.size(descriptor, path: path), bytes)
        }
        guard let opened else { return nil }
        return OpenedBlob(reader: LocalBlob(file: opened.file, store: self), size: opened.size, prefix: opened.prefix)
    }

    /// Reads `count` bytes at `offset`, fewer only at end of file.
    func read(_ file: BlobFile, count: Int, at offset: Int64) async throws -> [UInt8] {
        try await io { try Self.read(file, count: count, at: offset) }
    }

    private static func read(_ file: BlobFile, count: Int, at offset: Int64) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = try POSIX.read(
                file.descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: offset, path: file.path)
        }
    }

    /// Runs blocking work on the I/O thread pool, mapping system errors to the store's error (a full disk to
    /// `insufficientStorage`) after logging them with their errno and path.
    func io<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await threadPool.runIfActive { try work() }
        } catch let failure as POSIX.Failure {
            throw StorageFailure.blob(failure, logger: logger)
        }
    }
}
