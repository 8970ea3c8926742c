import Foundation
import NIOCore
import S3BlobClient
import Testing

/// The behaviours every S3-compatible backend must show through ``S3BlobClient``: one case per check, run by each
/// backend's suite as the arguments of one parameterized test.
enum S3Conformance: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case putThenGetWholeAndRanges
    case headGivesSizeAndTime
    case missingKeyIsNil
    case deleteTwiceSucceeds
    case multipartOfTwoFullPartsAndASmallOne
    case abortedUploadTakesNoMoreParts
    case listPagesWithoutThePrefix
    case keysWithSpacesUnicodeAndPlus
    case wrongSecretIsRefused
    case unreachableServerFailsBoundedly

    var testDescription: String { self.rawValue }

    /// Runs this check against `backend`.
    func run(on backend: S3Backend) async throws {
        switch self {
        case .putThenGetWholeAndRanges: try await Self.putThenGetWholeAndRanges(backend)
        case .headGivesSizeAndTime: try await Self.headGivesSizeAndTime(backend)
        case .missingKeyIsNil: try await Self.missingKeyIsNil(backend)
        case .deleteTwiceSucceeds: try await Self.deleteTwiceSucceeds(backend)
        case .multipartOfTwoFullPartsAndASmallOne: try await Self.multipartOfTwoFullPartsAndASmallOne(backend)
        case .abortedUploadTakesNoMoreParts: try await Self.abortedUploadTakesNoMoreParts(backend)
        case .listPagesWithoutThePrefix: try await Self.listPagesWithoutThePrefix(backend)
        case .keysWithSpacesUnicodeAndPlus: try await Self.keysWithSpacesUnicodeAndPlus(backend)
        case .wrongSecretIsRefused: try await Self.wrongSecretIsRefused(backend)
        case .unreachableServerFailsBoundedly: try await Self.unreachableServerFailsBoundedly(backend)
        }
    }

    /// `count` bytes of a pattern whose period (4,099 bytes, a prime) is not a power of two, so a misplaced range or
    /// part shows; `seed` shifts it. Written a period at a time: byte by byte, 10 MiB in a debug build starves the
    /// other checks.
    static func pattern(_ count: Int, seed: UInt8 = 0) -> ByteBuffer {
        let period = (0..<4099).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &* 7) }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(count)
        while buffer.readableBytes < count {
            buffer.writeBytes(period.prefix(count - buffer.readableBytes))
        }
        return buffer
    }

    // MARK: Objects

    static func putThenGetWholeAndRanges(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient()
        try await client.createBucketIfMissing()  // the bucket exists: success again
        let body = pattern(1000)
        try await client.put(key: "object", body: body)

        let whole = try #require(try await client.get(key: "object"))
        #expect(ByteBuffer(bytes: whole.bytes) == body)
        #expect(whole.size == 1000)
        // First byte, a middle range, the last byte, and a range running past the end (shortened by the store).
        for (range, expected) in [
            (0...0, 0..<1), (100...199, 100..<200), (999...999, 999..<1000), (990...5000, 990..<1000),
        ] {
            let part = try #require(
                try await client.get(key: "object", range: Int64(range.lowerBound)...Int64(range.upperBound)))
            #expect(
                ByteBuffer(bytes: part.bytes) == body.getSlice(at: expected.lowerBound, length: expected.count),
                "range \(range)")
            #expect(part.size == 1000, "Content-Range size for \(range)")
        }
    }

    static func headGivesSizeAndTime(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient()
        let before = Date().addingTimeInterval(-120)
        try await client.put(key: "sized", body: pattern(12_345))
        let head = try #require(try await client.head(key: "sized"))
        #expect(head.size == 12_345)
        #expect(head.lastModified > before && head.lastModified < Date().addingTimeInterval(120))
        let empty = ByteBuffer()
        try await client.put(key: "empty", body: empty)
        #expect(try await client.head(key: "empty")?.size == 0)
    }

    static func missingKeyIsNil(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient()
        #expect(try await client.get(key: "never-written") == nil)
        #expect(try await client.get(key: "never-written", range: 0...9) == nil)
        #expect(try await client.head(key: "never-written") == nil)
    }

    static func deleteTwiceSucceeds(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient()
        try await client.put(key: "doomed", body: pattern(10))
        try await client.delete(key: "doomed")
        #expect(try await client.head(key: "doomed") == nil)
        #expect(try await client.get(key: "doomed") == nil)
        try await client.delete(key: "doomed")
    }
}
