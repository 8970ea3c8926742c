/// Where each sealed segment of an object lives in its blob, given the plaintext size.
///
/// Every object has at least one segment (an empty object has one empty final segment, so even it is
/// authenticated). Segment `i` holds plaintext bytes `[i * segmentSize, min((i + 1) * segmentSize, size))`
/// and occupies that many bytes plus a 16-byte tag in the blob, after the header.
struct SegmentLayout: Sendable, Equatable {
    static let tagSize = 16

    let segmentSize: Int
    let objectSize: Int64

    /// The number of segments, at least one.
    var segmentCount: Int {
        max(1, Int((objectSize + Int64(segmentSize) - 1) / Int64(segmentSize)))
    }

    /// The exact blob size the metadata implies.
    var blobSize: Int64 {
        Int64(BlobHeader.size) + objectSize + Int64(segmentCount * SegmentLayout.tagSize)
    }

    /// The plaintext length of segment `index`.
    func plaintextLength(ofSegment index: Int) -> Int {
        let start = Int64(index) * Int64(segmentSize)
        return Int(min(Int64(segmentSize), objectSize - start))
    }

    /// The blob offset of sealed segment `index`.
    func blobOffset(ofSegment index: Int) -> Int64 {
        Int64(BlobHeader.size) + Int64(index) * Int64(segmentSize + SegmentLayout.tagSize)
    }

    /// The segments that hold the plaintext bytes `range` (inclusive bounds).
    func segments(covering range: ClosedRange<Int64>) -> ClosedRange<Int> {
        Int(range.lowerBound / Int64(segmentSize))...Int(range.upperBound / Int64(segmentSize))
    }

    /// The plaintext offset of the first byte of segment `index`.
    func plaintextOffset(ofSegment index: Int) -> Int64 {
        Int64(index) * Int64(segmentSize)
    }
}
