import Crypto
import NIOCore

/// The parts of a multipart object that a GET reads, and how to open each (docs/storage-format.md §8).
struct MultipartSource: Sendable {
    let store: ObjectStore
    let uploadKey: SymmetricKey
    let identity: ObjectID
    /// The parts covering the range, in order, with their offsets.
    let parts: [PartRow]
    /// The requested range in object coordinates; nil for the whole object.
    let range: ClosedRange<Int64>?
    /// The first part, opened before the response started (so a missing blob can still be retried).
    let first: SegmentIterator

    /// The iterator over one part's bytes that fall in `range`, or nil when its blob is gone.
    static func open(
        _ part: PartRow, store: ObjectStore, uploadKey: SymmetricKey, identity: ObjectID,
        range: ClosedRange<Int64>?
    ) async throws -> SegmentIterator? {
        let layout = SegmentLayout(segmentSize: part.segmentSize, objectSize: part.size)
        guard let (file, prefetched) = try await store.openVerifiedBlob(try part.blobID, layout: layout) else {
            return nil
        }
        let reader = SegmentReader(
            blob: file, prefetched: prefetched,
            cipher: try PartKey.cipher(uploadKey: uploadKey, upload: identity, part: part), layout: layout,
            counters: store.counters)
        return SegmentIterator(reader: reader, range: Self.partRange(part, range))
    }

    /// `range` in the part's own coordinates (nil for all of it).
    static func partRange(_ part: PartRow, _ range: ClosedRange<Int64>?) -> ClosedRange<Int64>? {
        guard let range, part.size > 0 else { return nil }
        let offset = part.offset ?? 0
        let low = max(range.lowerBound, offset) - offset
        let high = min(range.upperBound, offset + part.size - 1) - offset
        return low...high
    }
}

/// Walks the parts of a ``MultipartSource``, one open part blob at a time.
struct PartsIterator {
    let source: MultipartSource
    private var index = 1
    private var current: SegmentIterator?

    init(source: MultipartSource) {
        self.source = source
        self.current = source.first
    }

    mutating func next() async throws -> ByteBuffer? {
        for _ in 0...source.parts.count {
            if var iterator = current {
                let buffer = try await iterator.next()
                current = iterator
                if let buffer { return buffer }
                current = nil
            }
            guard index < source.parts.count else { return nil }
            let part = source.parts[index]
            index += 1
            current = try await MultipartSource.open(
                part, store: source.store, uploadKey: source.uploadKey, identity: source.identity,
                range: source.range)
            guard current != nil else { throw ObjectStoreError.corruptObject("part blob is missing") }
        }
        return nil
    }
}
