import Testing

@testable import ObjectStore

@Suite("Range reads")
struct RangeReadTests {
    @Test func rangesReturnExactBytesAndOpenOnlyCoveringSegments() async throws {
        try await StoreFixture.with { fixture in
            let size = 10 * 1024 + 300
            let original = testBytes(size)
            try await fixture.put("k", original)
            let points = [0, 1, 500, 1023, 1024, 1025, 2047, 2048, 5000, 9999, 10 * 1024, size - 2, size - 1]
            for first in points {
                for last in points where last >= first {
                    let before = fixture.store.counters.segmentsOpened
                    let bytes = try await fixture.get("k", range: .bounded(first: Int64(first), last: Int64(last)))
                    #expect(bytes == Array(original[first...last]), "range \(first)-\(last)")
                    let expectedSegments = last / 1024 - first / 1024 + 1
                    #expect(
                        fixture.store.counters.segmentsOpened - before == expectedSegments, "range \(first)-\(last)")
                }
            }
        }
    }

    @Test func openSuffixAndClampedRanges() async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(3000)
            try await fixture.put("k", original)
            #expect(try await fixture.get("k", range: .from(2500)) == Array(original[2500...]))
            #expect(try await fixture.get("k", range: .suffix(100)) == Array(original[2900...]))
            #expect(try await fixture.get("k", range: .suffix(5000)) == original)
            #expect(try await fixture.get("k", range: .bounded(first: 2990, last: 99999)) == Array(original[2990...]))
            let before = fixture.store.counters.segmentsOpened
            _ = try await fixture.get("k", range: .suffix(10))
            #expect(fixture.store.counters.segmentsOpened - before == 1)
        }
    }

    @Test func unsatisfiableRangesThrowInvalidRange() async throws {
        try await StoreFixture.with { fixture in
            try await fixture.put("k", testBytes(100))
            try await fixture.put("empty", [])
            for range in [ByteRangeRequest.from(100), .bounded(first: 100, last: 200), .suffix(0)] {
                await fixture.expectError(.invalidRange) { _ = try await fixture.get("k", range: range) }
            }
            await fixture.expectError(.invalidRange) { _ = try await fixture.get("empty", range: .suffix(1)) }
            do {
                _ = try await fixture.get("k", range: .from(1000))
            } catch let error as ObjectStoreError {
                #expect(error.details.objectSize == 100)
                #expect(error.key == "k")
            }
        }
    }

    @Test(arguments: [
        ("bytes=0-99", ByteRangeRequest.bounded(first: 0, last: 99)),
        ("bytes=5-", .from(5)),
        ("bytes=-20", .suffix(20)),
    ])
    func parsesRangeHeaders(header: String, expected: ByteRangeRequest) {
        #expect(ByteRangeRequest(header: header) == expected)
        #expect(expected.headerValue == header)
    }

    @Test(arguments: ["bytes=5-4", "bytes=a-b", "items=0-1", "bytes=0-1,3-4", "bytes=-", "bytes=--1"])
    func ignoresInvalidRangeHeaders(header: String) {
        #expect(ByteRangeRequest(header: header) == nil)
    }
}
