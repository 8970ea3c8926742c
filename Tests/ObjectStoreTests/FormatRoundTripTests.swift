import Foundation
import Testing

@testable import ObjectStore

@Suite("Blob format round trips")
struct FormatRoundTripTests {
    // Segment size is 1,024 in these tests.
    @Test(arguments: [0, 1, 1023, 1024, 1025, 2048, 3 * 1024 + 17, 10 * 1024])
    func roundTripAtSegmentBoundaries(size: Int) async throws {
        try await StoreFixture.with { fixture in
            let bytes = testBytes(size, seed: UInt8(size % 251))
            for chunkSize in [1, 7, 1024, 5000] where size < 4096 || chunkSize > 1 {
                let result = try await fixture.put("k", bytes, chunkSize: chunkSize)
                #expect(result.size == Int64(size))
                #expect(try await fixture.get("k") == bytes)
            }
        }
    }

    @Test func blobSizeMatchesLayout() async throws {
        try await StoreFixture.with { fixture in
            for size in [0, 1024, 1025] {
                try await fixture.put("k\(size)", testBytes(size))
                let path = try await fixture.blobPath("k\(size)")
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                let layout = SegmentLayout(segmentSize: 1024, objectSize: Int64(size))
                #expect((attributes[.size] as? Int).map(Int64.init) == layout.blobSize)
                #expect(attributes[.posixPermissions] as? Int == 0o600)
            }
        }
    }

    @Test func etagIsQuotedMD5() async throws {
        try await StoreFixture.with { fixture in
            let result = try await fixture.put("k", Array("The quick brown fox jumps over the lazy dog".utf8))
            #expect(result.etag == "\"9e107d9d372bb6826bd81d3542a419d6\"")
            let empty = try await fixture.put("e", [])
            #expect(empty.etag == "\"d41d8cd98f00b204e9800998ecf8427e\"")
        }
    }

    @Test func headerParserRejectsUnknownVersion() throws {
        var bytes = BlobHeader(segmentSize: 1024, objectID: .random()).bytes
        bytes[4] = 2
        #expect(throws: BlobFormatError.unsupportedVersion(2)) { try BlobHeader(parsing: bytes) }
    }
}
