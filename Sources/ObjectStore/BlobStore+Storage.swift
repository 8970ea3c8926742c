#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The local files as a ``BlobStorage``: a blob is written through `objects/tmp/` and published by fsync and
/// rename (docs/storage-format.md §5).
extension BlobStore: BlobStorage {
    /// One read batch: a local read of more costs more memory and gains nothing.
    var wholeReadLimit: Int { SegmentReader.readBatchSize }

    func createUpload(for id: ObjectID) async throws -> any BlobUpload {
        LocalBlob(file: try await createTemporary(for: id), store: self, id: id)
    }

    func publish(_ id: ObjectID, bytes: [UInt8]) async throws {
        try await publish(nil, as: id, writing: bytes, at: 0)
    }

    func open(_ id: ObjectID, prefix: Int) async throws -> OpenedBlob? {
        try await openForReading(id, prefix: prefix)
    }

    func size(of id: ObjectID) async throws -> Int64? {
        let path = path(for: id)
        return try await io { () throws -> Int64? in
            var status = stat()
            guard stat(path, &status) == 0 else {
                if errno == ENOENT { return nil }
                throw POSIX.Failure(call: "stat", errno: errno, path: path)
            }
            return Int64(status.st_size)
        }
    }

    func removeAllUnpublished() async throws -> Int {
        try await removeAllTemporaries()
    }
}

/// One blob file: being written (``BlobUpload``, `id` set) or published and open for reading (``BlobReader``).
struct LocalBlob: BlobUpload, BlobReader {
    let file: BlobFile
    let store: BlobStore
    var id: ObjectID? = nil

    func write(_ bytes: [UInt8], at offset: Int64) async throws {
        try await store.write(bytes, to: file, at: offset)
    }

    func publish(writing tail: [UInt8], at offset: Int64) async throws {
        guard let id else { throw ObjectStoreError.internalError("publishing a blob opened for reading") }
        try await store.publish(file, as: id, writing: tail, at: offset)
    }

    func read(count: Int, at offset: Int64) async throws -> [UInt8] {
        try await store.read(file, count: count, at: offset)
    }
}
