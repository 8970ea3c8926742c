package import Foundation

/// Where the object store keeps its metadata: buckets, object rows, multipart uploads and their parts, bucket keys.
///
/// Two implementations: ``MetadataDatabase`` (SQLite under `<data>/meta`, one node, with a row cache and group commit)
/// and `PostgresObjectMetadata` (one PostgreSQL database shared by several nodes, no cache). Every method is one
/// intent-named transaction or consistent read, and both answer with the same rows, the same order (byte order of
/// keys) and the same ``ObjectStoreError`` kinds; `Tests/ScaleOutTests` runs one conformance suite over both.
package protocol ObjectMetadataStore: Sendable {
    /// How concurrent object commits are grouped into transactions (one batch at a time by default).
    var commitGrouping: CommitGrouping { get }
    /// Inserts a new bucket with its first Block Public Access settings (nil: none), in one transaction;
    /// `bucketAlreadyOwnedByYou` if the name is taken.
    func createBucket(_ row: BucketRow, publicAccessBlock: PublicAccessBlock?) async throws
    /// The bucket's row, or `noSuchBucket`.
    func bucket(_ name: String) async throws -> BucketRow
    /// All buckets, ordered by name (byte order).
    func buckets() async throws -> [BucketRow]
    /// Deletes an empty bucket with its uploads in progress (`noSuchBucket`, `bucketNotEmpty`); returns the uploads'
    /// part blobs, for the caller to remove.
    func deleteBucket(_ name: String) async throws -> [ObjectID]
    /// Sets (or with nil, clears) a bucket's default encryption; `noSuchBucket`.
    func setBucketEncryption(_ name: String, _ encryption: BucketEncryption?) async throws
    /// The bucket's policy and Block Public Access settings; `noSuchBucket`. Read on every request naming the bucket:
    /// it must cost no more than a cached lookup on a single node, and reflect another node's change at once.
    func bucketAccess(_ name: String) async throws -> BucketAccess
    /// Sets (or with nil, deletes) the bucket's policy text; `noSuchBucket`.
    func setBucketPolicy(_ name: String, _ policy: String?) async throws
    /// Sets (or with nil, deletes) the bucket's Block Public Access settings; `noSuchBucket`.
    func setPublicAccessBlock(_ name: String, _ block: PublicAccessBlock?) async throws
    /// Each bucket's object count and plaintext bytes, ordered by name.
    func bucketUsage() async throws -> [BucketUsage]

    /// Persists a new bucket key; `noSuchBucket` if the bucket is gone.
    func insertBucketKey(_ row: BucketKeyRow) async throws
    /// The persisted bucket key with `id`, or nil.
    func bucketKey(id: [UInt8]) async throws -> BucketKeyRow?

    /// Commits new object versions, each replacing its key's row if its conditions hold against that row; per row,
    /// in order, the replaced object's blob ids or that row's own error (the other rows are unaffected).
    func commitObjects(
        _ commits: [(row: ObjectRow, conditions: WriteConditions)]
    ) async throws -> [Result<[ObjectID], ObjectStoreError>]
    /// Deletes the rows of several keys in one transaction; per key, the deleted object's blob ids or nil.
    func deleteObjects(bucket: String, keys: [String]) async throws -> [[ObjectID]?]
    /// The key's row; `noSuchBucket` or `noSuchKey`.
    func object(bucket: String, key: String) async throws -> ObjectRow
    /// The key's row for GET and HEAD, possibly from a cache that is never stale after an acknowledged write.
    func cachedObject(bucket: String, key: String) async throws -> ObjectRow
    /// One listing page (``Listing``), read as one consistent snapshot; `noSuchBucket`.
    func listObjects(bucket: String, _ request: ListObjectsRequest, from start: ListCursor?) async throws
        -> ListObjectsResult
    /// The object and up to `limit` of its parts after part number `marker` (none for a single-blob object), read
    /// together; `noSuchBucket`, `noSuchKey`.
    func objectWithParts(bucket: String, key: String, after marker: Int, limit: Int) async throws
        -> (ObjectRow, [PartRow])
    /// The parts of a multipart object that hold bytes of `range` (all when nil), by part number.
    func objectParts(_ objectId: Data, covering range: ClosedRange<Int64>?) async throws -> [PartRow]
    /// The `ordinal`-th part (from 1) of a multipart object in part-number order, or nil past the last.
    func objectPart(_ objectId: Data, ordinal: Int) async throws -> PartRow?
    /// The ids of all live blobs whose first byte is `firstByte`: objects, their parts, and uploads' parts.
    func objectIDs(firstByte: UInt8) async throws -> Set<ObjectID>

    /// Inserts a new upload; `noSuchBucket`.
    func insertUpload(_ row: UploadRow) async throws
    /// The upload for `bucket`/`key`; `noSuchBucket` or `noSuchUpload`.
    func upload(_ uploadId: String, bucket: String, key: String) async throws -> UploadRow
    /// The upload and up to `limit` of its parts after part number `marker`, read together.
    func uploadWithParts(_ uploadId: String, bucket: String, key: String, after marker: Int, limit: Int)
        async throws -> (UploadRow, [PartRow])
    /// One ListMultipartUploads page (``UploadListing``), read as one snapshot; `noSuchBucket`.
    func listUploads(bucket: String, _ request: ListUploadsRequest) async throws -> ListUploadsResult
    /// Uploads initiated before `cutoff` (milliseconds since 1970), oldest first, at most `limit`.
    func uploads(initiatedBefore cutoff: Int64, limit: Int) async throws -> [UploadIdentity]
    /// Records a part, replacing the part number's previous one, whose blob id it returns; `noSuchUpload`.
    func commitPart(_ part: PartRow, upload: UploadRow) async throws -> ObjectID?
    /// Turns an upload into its object in one transaction (docs/storage-format.md §8); see ``UploadCompletion``.
    func completeUpload(
        _ request: CompleteMultipartUploadRequest,
        minimumPartSize: Int64,
        now: Date,
        fault: (@Sendable (CompleteStep) throws -> Void)?
    ) async throws -> UploadCompletion
    /// Deletes an upload and its parts (`noSuchBucket`, `noSuchUpload`); returns their blob ids.
    func deleteUpload(_ uploadId: String, bucket: String, key: String) async throws -> [ObjectID]

    /// Releases what the store opened (the SQLite pool); a shared database is closed by its owner instead.
    func close() async throws
}

/// Where an upload is: what the multipart expiry needs to abort it.
package struct UploadIdentity: Sendable, Hashable {
    package var id: String
    package var bucket: String
    package var key: String

    /// Creates an upload's address.
    package init(id: String, bucket: String, key: String) {
        self.id = id
        self.bucket = bucket
        self.key = key
    }
}

/// What a committed CompleteMultipartUpload produced.
package struct UploadCompletion: Sendable {
    /// The new object's row.
    package var row: ObjectRow
    /// Blobs to remove now that the transaction committed: the replaced object's and the unlisted parts'.
    package var unreferenced: [ObjectID]

    /// Creates a completion.
    package init(row: ObjectRow, unreferenced: [ObjectID]) {
        self.row = row
        self.unreferenced = unreferenced
    }
}

/// How a store wants concurrent object commits grouped (``GroupCommitter``).
package struct CommitGrouping: Sendable {
    /// Batches committing at once.
    package var lanes: Int
    /// The most rows in one batch (one transaction).
    package var batchLimit: Int

    package init(lanes: Int, batchLimit: Int) {
        self.lanes = lanes
        self.batchLimit = batchLimit
    }

    /// One writer that pays an fsync per transaction (SQLite): one batch at a time, as large as the queue.
    package static let singleWriter = CommitGrouping(lanes: 1, batchLimit: 256)
}

extension ObjectMetadataStore {
    /// Inserts a new bucket without Block Public Access settings.
    package func createBucket(_ row: BucketRow) async throws {
        try await createBucket(row, publicAccessBlock: nil)
    }

    /// By default one batch at a time (SQLite's single writer).
    package var commitGrouping: CommitGrouping { .singleWriter }
}
