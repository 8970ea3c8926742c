import NIOCore

/// Streams plaintext into a new blob: hashes it, seals it segment by segment, and writes the sealed
/// bytes to the blob storage in batches.
///
/// A segment is sealed only once the next byte arrives (or the body ends), because its additional data
/// records whether it is the final one. Memory stays at one plaintext segment plus one write batch,
/// both reused, whatever the object size. Small objects reach the storage in one call: the upload is started
/// lazily, and ``publish()`` publishes the whole blob at once when nothing was flushed before.
struct BlobWriter {
    /// Sealed bytes are written once this many are pending.
    static let writeBatchSize = 1 << 20

    private let blobs: any BlobStorage
    private let objectID: ObjectID
    private let cipher: SegmentCipher
    private let segmentSize: Int
    private var upload: (any BlobUpload)?
    private var plaintext: [UInt8]
    private var pending: [UInt8]
    private var fileOffset: Int64 = 0
    private var segmentIndex = 0
    private var checksums: ChecksumAccumulator
    /// Plaintext bytes received so far.
    private(set) var size: Int64 = 0

    init(blobs: any BlobStorage, header: BlobHeader, cipher: SegmentCipher, checksums: ChecksumAccumulator) {
        self.blobs = blobs
        self.objectID = header.objectID
        self.cipher = cipher
        self.segmentSize = header.segmentSize
        self.checksums = checksums
        self.plaintext = []
        self.plaintext.reserveCapacity(header.segmentSize)
        self.pending = header.bytes
        self.pending.reserveCapacity(Self.writeBatchSize + header.segmentSize + SegmentLayout.tagSize)
    }

    /// Consumes one chunk of the body.
    mutating func append(_ chunk: ByteBuffer) async throws {
        try chunk.withUnsafeReadableBytes { bytes in
            checksums.update(bytes)
            try absorb(bytes)
        }
        size += Int64(chunk.readableBytes)
        if pending.count >= Self.writeBatchSize {
            try await flush()
        }
    }

    /// Seals the final segment and returns the digests. Call once, after the last chunk.
    mutating func finish() throws -> (md5: [UInt8], checksums: ObjectChecksums) {
        try sealSegment(isFinal: true)
        return checksums.finalize()
    }

    /// The whole sealed blob, header included, when the object is small enough to keep in its metadata row:
    /// nothing was written to a file yet and the plaintext is at most `limit` bytes (0: never). Call after
    /// ``finish()``; the blob is then not published.
    func inlineBlob(limit: Int) -> [UInt8]? {
        guard limit > 0, upload == nil, size <= Int64(limit) else { return nil }
        return pending
    }

    /// Writes what is pending and publishes the blob: durable, then visible under its id (see ``BlobStorage``).
    mutating func publish() async throws {
        if let upload {
            try await upload.publish(writing: pending, at: fileOffset)
        } else {
            try await blobs.publish(objectID, bytes: pending)
        }
        pending.removeAll()
    }

    private mutating func absorb(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            if plaintext.count == segmentSize {
                try sealSegment(isFinal: false)
            }
            let take = min(segmentSize - plaintext.count, bytes.count - offset)
            plaintext.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + take]))
            offset += take
        }
    }

    private mutating func sealSegment(isFinal: Bool) throws {
        try plaintext.withUnsafeBytes { bytes in
            try cipher.seal(bytes, index: segmentIndex, isFinal: isFinal, appendingTo: &pending)
        }
        plaintext.removeAll(keepingCapacity: true)
        segmentIndex += 1
    }

    private mutating func flush() async throws {
        let upload = try await startedUpload()
        try await upload.write(pending, at: fileOffset)
        fileOffset += Int64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func startedUpload() async throws -> any BlobUpload {
        if let upload { return upload }
        let created = try await blobs.createUpload(for: objectID)
        upload = created
        return created
    }
}
