/// Where an object store keeps its sealed blobs: files under `<data>/objects` (``BlobStore``, the default), or,
/// for a store whose nodes share nothing on disk, an S3-compatible bucket (issue #13).
///
/// Blobs are immutable: a blob is written once under a fresh id, published (durable, then visible under its id),
/// read at any offset, and removed once no row names it. Nothing here knows the blob format: the store seals and
/// opens the bytes (docs/storage-format.md), so a backend only ever holds ciphertext.
public protocol BlobStorage: Sendable {
    /// Starts writing the blob that will be `id`; nothing is visible under `id` until the upload publishes it.
    func createUpload(for id: ObjectID) async throws -> any BlobUpload

    /// Writes `bytes` as the whole blob `id` and publishes it durably, in one round trip (small blobs).
    func publish(_ id: ObjectID, bytes: [UInt8]) async throws

    /// Blobs of at most this many bytes are read whole when opened, in the same call: one round trip for a small
    /// object. A larger blob is opened with its header, then read in batches.
    var wholeReadLimit: Int { get }

    /// Opens blob `id` and reads its first `prefix` bytes (fewer when it is smaller); nil when there is none.
    func open(_ id: ObjectID, prefix: Int) async throws -> OpenedBlob?

    /// The size of blob `id`, nil when there is none.
    func size(of id: ObjectID) async throws -> Int64?

    /// Removes a blob being written or just published that no row names, ignoring errors (the orphan sweep is the
    /// backstop).
    func discard(_ id: ObjectID) async

    /// Removes a published blob that no row names any more, ignoring errors.
    func remove(_ id: ObjectID) async

    /// The orphan sweep's first pass: removes every blob still being written (none may be, at open); returns how
    /// many.
    func removeAllUnpublished() async throws -> Int

    /// The names (32 hex digits) of the published blobs whose ids start with `firstByte`.
    func blobNames(firstByte: UInt8) async throws -> [String]

    /// Removes the named published blobs of the `firstByte` group.
    func removeBlobs(named names: [String], firstByte: UInt8) async throws
}

/// A blob being written, in order, at increasing offsets.
public protocol BlobUpload: Sendable {
    /// Writes `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int64) async throws

    /// Writes `tail` at `offset`, then makes the blob durable and visible under its id.
    func publish(writing tail: [UInt8], at offset: Int64) async throws
}

/// A published blob, open for positioned reads.
public protocol BlobReader: Sendable {
    /// Reads `count` bytes at `offset`, fewer only at the end of the blob.
    func read(count: Int, at offset: Int64) async throws -> [UInt8]
}

/// An open blob: how to read it, its size, and its first bytes.
public struct OpenedBlob: Sendable {
    public var reader: any BlobReader
    public var size: Int64
    public var prefix: [UInt8]

    /// Creates an open blob.
    public init(reader: any BlobReader, size: Int64, prefix: [UInt8]) {
        (self.reader, self.size, self.prefix) = (reader, size, prefix)
    }
}
