import Crypto
import NIOCore

/// A blob that was streamed, sealed, verified and published: durable under its final name, not yet named by a row.
struct WrittenBlob: Sendable {
    var size: Int64
    var md5: [UInt8]
    var checksums: ObjectChecksums
    var segmentSize: Int
    /// The sealed blob, for a small object kept in its metadata row; `nil` when the blob was published as a file.
    var inline: [UInt8]?
}

extension ObjectStore {
    /// The write path PutObject and UploadPart share: streams `body` through the hashes and the segment sealer
    /// (``BlobWriter``) into a temporary file, enforces the maximum object size, verifies the digests, then
    /// fsyncs and renames the blob to its final name (docs/storage-format.md §5 steps 4 to 6). An object of at most
    /// `inlineLimit` bytes (0: none) is not published: its sealed blob is returned for the metadata row (§9).
    ///
    /// On failure the caller removes the blob (``BlobStore/discard(_:)``); so it must on any later failure.
    func writeBlob<Body: AsyncSequence>(
        _ id: ObjectID, dataKey: SymmetricKey, body: Body, digests: ExpectedDigests, inlineLimit: Int
    ) async throws -> WrittenBlob where Body.Element == ByteBuffer {
        let header = BlobHeader(segmentSize: configuration.segmentSize, objectID: id)
        var writer = BlobWriter(
            blobs: blobs,
            header: header,
            cipher: SegmentCipher(dataKey: dataKey, header: header),
            checksums: ChecksumAccumulator(computing: digests.algorithms)
        )
        for try await chunk in body {
            try await writer.append(chunk)
            guard writer.size <= configuration.maximumObjectSize else {
                throw ObjectStoreError.entityTooLarge(limit: configuration.maximumObjectSize)
            }
        }
        let (md5, checksums) = try writer.finish()
        try await digests.verify(md5: md5, checksums: checksums)
        let inline = writer.inlineBlob(limit: inlineLimit)
        if inline == nil { try await writer.publish() }
        Self.traceSealing(size: writer.size, segmentSize: header.segmentSize, inline: inline)
        return WrittenBlob(
            size: writer.size, md5: md5, checksums: checksums, segmentSize: header.segmentSize, inline: inline)
    }
}

extension ObjectStore {
    /// The `sealed` and `stored` steps of the request's envelope trace, if one is bound.
    static func traceSealing(size: Int64, segmentSize: Int, inline: [UInt8]?) {
        EnvelopeTrace.record(.sealed(plaintext: size, segmentSize: segmentSize, inline: inline != nil))
    }
}
