public import NIOCore

/// The decrypted bytes of a GET, produced segment by segment as the consumer iterates.
///
/// Each step reads a batch of sealed segments (about 1 MiB) with one positioned read on the I/O thread
/// pool, authenticates and decrypts each segment, and yields the plaintext bytes that fall in the
/// requested range. Only the segments covering the range are read and decrypted; for a multipart object,
/// only the parts covering it, one part blob open at a time. A segment that fails authentication ends the
/// stream with `corruptObject`; no unauthenticated byte is ever yielded.
public struct ObjectBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    enum Source: Sendable {
        case blob(SegmentReader, range: ClosedRange<Int64>?)
        case parts(MultipartSource)
    }

    let source: Source

    init(reader: SegmentReader, range: ClosedRange<Int64>?) {
        self.source = .blob(reader, range: range)
    }

    init(parts: MultipartSource) {
        self.source = .parts(parts)
    }

    /// Creates an iterator over the decrypted bytes.
    public func makeAsyncIterator() -> Iterator {
        switch source {
        case .blob(let reader, let range): Iterator(state: .blob(SegmentIterator(reader: reader, range: range)))
        case .parts(let parts): Iterator(state: .parts(PartsIterator(source: parts)))
        }
    }

    /// Iterates the decrypted bytes.
    public struct Iterator: AsyncIteratorProtocol {
        enum State {
            case blob(SegmentIterator)
            case parts(PartsIterator)
        }

        var state: State

        /// The next run of decrypted bytes, or `nil` at the end.
        public mutating func next() async throws -> ByteBuffer? {
            switch state {
            case .blob(var iterator):
                defer { state = .blob(iterator) }
                return try await iterator.next()
            case .parts(var iterator):
                defer { state = .parts(iterator) }
                return try await iterator.next()
            }
        }
    }
}

/// Iterates the decrypted bytes of one blob's segments covering a range.
struct SegmentIterator {
    private let reader: SegmentReader
    /// Plaintext byte range still to yield, inclusive; `nil` once done.
    private var remaining: ClosedRange<Int64>?
    private var nextSegment: Int
    private let lastSegment: Int

    init(reader: SegmentReader, range: ClosedRange<Int64>?) {
        self.reader = reader
        let layout = reader.layout
        let wanted = range ?? (layout.objectSize == 0 ? nil : 0...(layout.objectSize - 1))
        let segments = wanted.map(layout.segments(covering:)) ?? 0...0
        self.remaining = wanted
        self.nextSegment = segments.lowerBound
        self.lastSegment = segments.upperBound
    }

    mutating func next() async throws -> ByteBuffer? {
        while nextSegment <= lastSegment {
            let batch = nextSegment...Swift.min(lastSegment, nextSegment + reader.segmentsPerRead - 1)
            nextSegment = batch.upperBound + 1
            let buffer = try await reader.read(segments: batch, clippedTo: remaining)
            if buffer.readableBytes > 0 { return buffer }
        }
        return nil
    }
}
