import Foundation
import NIOCore

/// Reads, authenticates and decrypts runs of segments from one open blob.
struct SegmentReader: Sendable {
    /// About this many sealed bytes are read per thread-pool hop.
    static let readBatchSize = 1 << 20

    /// The open blob; `nil` when `prefetched` holds the whole blob.
    let blob: (any BlobReader)?
    /// The whole blob, when it was small enough to read when opening it or is kept inline in the metadata row.
    let prefetched: [UInt8]?
    let cipher: SegmentCipher
    let layout: SegmentLayout
    let counters: StoreCounters

    /// Segments fetched per positioned read.
    var segmentsPerRead: Int {
        max(1, Self.readBatchSize / (layout.segmentSize + SegmentLayout.tagSize))
    }

    /// Decrypts `segments` and returns their plaintext bytes that fall in `range` (all when `nil`).
    func read(segments: ClosedRange<Int>, clippedTo range: ClosedRange<Int64>?) async throws -> ByteBuffer {
        let start = layout.blobOffset(ofSegment: segments.lowerBound)
        let end =
            layout.blobOffset(ofSegment: segments.upperBound)
            + Int64(layout.plaintextLength(ofSegment: segments.upperBound) + SegmentLayout.tagSize)
        let sealed: ArraySlice<UInt8>
        if let prefetched {
            sealed = prefetched[Int(start)..<Int(end)]
        } else if let blob {
            sealed = try await blob.read(count: Int(end - start), at: start)[...]
        } else {
            throw ObjectStoreError.internalError("segment reader without a source")
        }
        guard sealed.count == Int(end - start) else { throw ObjectStoreError(BlobFormatError.truncated) }

        var output = ByteBuffer()
        output.reserveCapacity(sealed.count)
        var offset = sealed.startIndex
        for index in segments {
            let length = layout.plaintextLength(ofSegment: index) + SegmentLayout.tagSize
            let plaintext: Foundation.Data
            do {
                plaintext = try cipher.open(
                    sealed[offset..<offset + length],
                    index: index,
                    isFinal: index == layout.segmentCount - 1
                )
            } catch {
                throw ObjectStoreError(error)
            }
            counters.segmentOpened()
            offset += length
            append(plaintext, ofSegment: index, clippedTo: range, to: &output)
        }
        return output
    }

    private func append(
        _ plaintext: Foundation.Data,
        ofSegment index: Int,
        clippedTo range: ClosedRange<Int64>?,
        to output: inout ByteBuffer
    ) {
        guard !plaintext.isEmpty else { return }
        let segmentStart = layout.plaintextOffset(ofSegment: index)
        let low = max(0, (range?.lowerBound ?? 0) - segmentStart)
        let high = min(Int64(plaintext.count), (range?.upperBound ?? Int64.max - 1) + 1 - segmentStart)
        guard low < high else { return }
        plaintext.withUnsafeBytes { bytes in
            _ = output.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[Int(low)..<Int(high)]))
        }
    }
}
