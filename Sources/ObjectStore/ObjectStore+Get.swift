import Foundation

extension ObjectStore {
    /// Reads an object: evaluates the conditions, resolves the range, recovers the data key (one
    /// `decryptDataKey` for SSE-KMS; for a bucket key, none while the requester's decrypted bucket key is
    /// cached), verifies the blob's header and size, and returns a body that decrypts only the segments
    /// covering the range.
    ///
    /// Throws ``ObjectStoreError`` kinds: `noSuchBucket`, `noSuchKey`, `preconditionFailed`,
    /// `notModified`, `invalidRange`, `partNotSatisfiable`, the `kms*` kinds, `corruptObject`.
    public func getObject(_ request: GetObjectRequest) async throws -> GetObjectResult {
        try await inContext(bucket: request.bucket, key: request.key) {
            // A concurrent overwrite or delete may remove the blob between the row read and the open.
            // Retry while the row keeps changing; a row that still names a missing blob is corrupt. Retries read
            // the database, not the row cache.
            var missing: ObjectID?
            for attempt in 1...8 {
                switch try await attemptGet(request, cached: attempt == 1) {
                case .found(let result):
                    return result
                case .blobMissing(let id):
                    guard id != missing else { throw ObjectStoreError.corruptObject("blob is missing") }
                    missing = id
                }
            }
            throw ObjectStoreError.corruptObject("blob is missing")
        }
    }

    /// Reads an object's metadata without touching its blob or the key service.
    ///
    /// Evaluates the conditions and resolves the range or part number like ``getObject(_:)``.
    public func headObject(_ request: GetObjectRequest) async throws -> HeadObjectResult {
        try await inContext(bucket: request.bucket, key: request.key) {
            let row = try await metadata.cachedObject(bucket: request.bucket, key: request.key)
            let info = ObjectInfo(row)
            try request.conditions.evaluate(etag: info.etag, lastModified: info.lastModified)
            guard let slice = try await servedSlice(request, row) else {
                throw ObjectStoreError.noSuchKey(request.bucket, request.key)
            }
            return HeadObjectResult(info: info, contentRange: slice.range)
        }
    }

    private enum Attempt {
        case found(GetObjectResult)
        case blobMissing(ObjectID)
    }

    private func attemptGet(_ request: GetObjectRequest, cached: Bool) async throws -> Attempt {
        let row =
            cached
            ? try await metadata.cachedObject(bucket: request.bucket, key: request.key)
            : try await metadata.object(bucket: request.bucket, key: request.key)
        let info = ObjectInfo(row)
        try request.conditions.evaluate(etag: info.etag, lastModified: info.lastModified)
        guard let objectID = ObjectID(bytes: row.objectId) else {
            throw ObjectStoreError.corruptObject("bad object id")
        }
        guard let slice = try await servedSlice(request, row) else { return .blobMissing(objectID) }
        let range = slice.range
        if row.partsCount != nil {
            return try await attemptMultipartGet(row, info: info, objectID: objectID, slice: slice, request: request)
        }
        let layout = SegmentLayout(segmentSize: row.segmentSize, objectSize: row.size)
        let file: (any BlobReader)?
        let prefetched: [UInt8]?
        if let inline = row.inlineBlob {
            (file, prefetched) = (nil, try Self.verifiedInline(inline, objectID: objectID, layout: layout))
        } else if let opened = try await openVerifiedBlob(objectID, layout: layout) {
            (file, prefetched) = (opened.0, opened.prefetched)
        } else {
            return .blobMissing(objectID)
        }
        let header = BlobHeader(segmentSize: row.segmentSize, objectID: objectID)
        let dataKey = try await keyring.dataKey(for: row, requester: request.requester)
        Self.traceOpening(row, layout: layout, range: range)
        let reader = SegmentReader(
            blob: file,
            prefetched: prefetched,
            cipher: SegmentCipher(dataKey: dataKey, header: header),
            layout: layout,
            counters: counters
        )
        return .found(GetObjectResult(info: info, contentRange: range, body: ObjectBody(reader: reader, range: range)))
    }

    /// A multipart object: the parts covering the range (or the one part asked for), the first one opened now, the
    /// others as the body reaches them. Parts that no longer match the row (a concurrent overwrite or delete) count
    /// as a missing blob.
    private func attemptMultipartGet(
        _ row: ObjectRow, info: ObjectInfo, objectID: ObjectID, slice: ServedSlice, request: GetObjectRequest
    ) async throws -> Attempt {
        let range = slice.range
        var parts = slice.part.map { [$0] } ?? []
        if slice.part == nil { parts = try await metadata.objectParts(row.objectId, covering: range) }
        guard let firstPart = parts.first, slice.part != nil || range != nil || parts.count == row.partsCount else {
            return .blobMissing(objectID)
        }
        let uploadKey = try await keyring.dataKey(for: row, requester: request.requester)
        EnvelopeTrace.record(
            .openedParts(
                opened: parts.count, of: row.partsCount ?? 0,
                plaintext: range.map { $0.upperBound - $0.lowerBound + 1 } ?? row.size))
        guard
            let first = try await MultipartSource.open(
                firstPart, store: self, uploadKey: uploadKey, identity: objectID, range: range)
        else { return .blobMissing(objectID) }
        let source = MultipartSource(
            store: self, uploadKey: uploadKey, identity: objectID, parts: parts, range: range, first: first)
        return .found(GetObjectResult(info: info, contentRange: range, body: ObjectBody(parts: source)))
    }

    /// Opens a blob and verifies its header and exact size against `layout`; small blobs are read whole in the
    /// same hop (returned as `prefetched`). Returns nil when the blob does not exist.
    func openVerifiedBlob(
        _ id: ObjectID, layout: SegmentLayout
    ) async throws -> (any BlobReader, prefetched: [UInt8]?)? {
        let prefix = layout.blobSize <= Int64(blobs.wholeReadLimit) ? Int(layout.blobSize) : BlobHeader.size
        guard let blob = try await blobs.open(id, prefix: prefix) else { return nil }
        do {
            try Self.verify(blob.prefix, blobSize: blob.size, objectID: id, layout: layout)
        } catch {
            throw ObjectStoreError(error)
        }
        return (blob.reader, blob.prefix.count == layout.blobSize ? blob.prefix : nil)
    }

    /// A blob kept in the metadata row, verified like a file's.
    private static func verifiedInline(_ blob: Data, objectID: ObjectID, layout: SegmentLayout) throws -> [UInt8] {
        let bytes = [UInt8](blob)
        do {
            try verify(bytes, blobSize: Int64(bytes.count), objectID: objectID, layout: layout)
        } catch {
            throw ObjectStoreError(error)
        }
        return bytes
    }

    /// Checks what can be checked before decrypting: header fields, identity, and exact blob size.
    private static func verify(
        _ headerBytes: [UInt8],
        blobSize: Int64,
        objectID: ObjectID,
        layout: SegmentLayout
    ) throws(BlobFormatError) {
        let header = try BlobHeader(parsing: headerBytes)
        guard header.objectID == objectID else { throw .wrongObject }
        guard header.segmentSize == layout.segmentSize else { throw .badHeader("segment size") }
        guard blobSize >= layout.blobSize else { throw .truncated }
        guard blobSize == layout.blobSize else { throw .trailingBytes }
    }
}

extension ObjectStore {
    /// The `opened` step of the request's envelope trace, if one is bound.
    static func traceOpening(_ row: ObjectRow, layout: SegmentLayout, range: ClosedRange<Int64>?) {
        guard let trace = EnvelopeTrace.current else { return }
        let plaintext = range.map { $0.upperBound - $0.lowerBound + 1 } ?? row.size
        trace.record(.opened(sealedBytes: layout.blobSize, plaintext: plaintext, inline: row.inlineBlob != nil))
    }
}
