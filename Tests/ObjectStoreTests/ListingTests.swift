import Testing

@testable import ObjectStore

@Suite("Listing")
struct ListingTests {
    static let keys = [
        "a.txt", "photos/2023/jan/1.jpg", "photos/2023/jan/2.jpg", "photos/2024/x.jpg", "photos/readme",
        "videos/v1.mp4", "videos/v2.mp4", "z", "é-accent", "\u{1F600}-emoji",
    ]

    static func populated(_ body: (StoreFixture) async throws -> Void) async throws {
        try await StoreFixture.with { fixture in
            for key in keys { try await fixture.put(key, Array(key.utf8)) }
            try await body(fixture)
        }
    }

    static func list(_ fixture: StoreFixture, _ request: ListObjectsRequest) async throws -> ListObjectsResult {
        try await fixture.store.listObjects(bucket: "bucket1", request)
    }

    /// Follows continuation tokens to the end, returning keys and prefixes in order.
    static func listAll(_ fixture: StoreFixture, _ request: ListObjectsRequest) async throws -> [String] {
        var request = request
        var items: [String] = []
        for _ in 0..<100 {
            let page = try await list(fixture, request)
            items += page.objects.map(\.key) + page.commonPrefixes.map { "P:" + $0 }
            #expect(page.objects.count + page.commonPrefixes.count <= request.maxKeys)
            guard page.isTruncated else { return items }
            let token = try #require(page.nextContinuationToken)
            request.continuationToken = token
        }
        Issue.record("listing did not terminate")
        return items
    }

    @Test func listsAllKeysInUTF8ByteOrder() async throws {
        try await Self.populated { fixture in
            let page = try await Self.list(fixture, ListObjectsRequest())
            let expected = Self.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            #expect(page.objects.map(\.key) == expected)
            #expect(!page.isTruncated)
            #expect(page.objects.first?.etag.hasPrefix("\"") == true)
        }
    }

    @Test func prefixAndDelimiterRollUpCommonPrefixes() async throws {
        try await Self.populated { fixture in
            let top = try await Self.list(fixture, ListObjectsRequest(delimiter: "/"))
            #expect(top.commonPrefixes == ["photos/", "videos/"])
            #expect(top.objects.map(\.key) == ["a.txt", "z", "é-accent", "\u{1F600}-emoji"])
            let photos = try await Self.list(fixture, ListObjectsRequest(prefix: "photos/", delimiter: "/"))
            #expect(photos.commonPrefixes == ["photos/2023/", "photos/2024/"])
            #expect(photos.objects.map(\.key) == ["photos/readme"])
            let prefixOnly = try await Self.list(fixture, ListObjectsRequest(prefix: "photos/2023"))
            #expect(prefixOnly.objects.map(\.key) == ["photos/2023/jan/1.jpg", "photos/2023/jan/2.jpg"])
        }
    }

    @Test(arguments: [1, 2, 3, 1000])
    func paginationWithTokensVisitsEverythingOnce(maxKeys: Int) async throws {
        try await Self.populated { fixture in
            let all = try await Self.listAll(fixture, ListObjectsRequest(delimiter: "/", maxKeys: 1000))
            let paged = try await Self.listAll(fixture, ListObjectsRequest(delimiter: "/", maxKeys: maxKeys))
            #expect(paged.sorted() == all.sorted())
            #expect(Set(paged).count == paged.count)
            let flat = try await Self.listAll(fixture, ListObjectsRequest(maxKeys: maxKeys))
            #expect(flat.count == Self.keys.count)
        }
    }

    @Test func startAfterAndMarkerSkipKeysAndCommonPrefixes() async throws {
        try await Self.populated { fixture in
            let after = try await Self.list(fixture, ListObjectsRequest(startAfter: "videos/v1.mp4"))
            #expect(after.objects.first?.key == "videos/v2.mp4")
            let marker = try await Self.list(fixture, ListObjectsRequest(delimiter: "/", marker: "photos/"))
            #expect(marker.commonPrefixes == ["videos/"])
            #expect(marker.objects.first?.key == "z")
            let v1 = try await Self.list(fixture, ListObjectsRequest(delimiter: "/", maxKeys: 2))
            #expect(v1.isTruncated)
            #expect(v1.nextMarker == "photos/")
        }
    }

    @Test func maxKeysZeroAndBadTokens() async throws {
        try await Self.populated { fixture in
            let none = try await Self.list(fixture, ListObjectsRequest(maxKeys: 0))
            #expect(none.objects.isEmpty && !none.isTruncated)
            await fixture.expectError(.invalidArgument) {
                _ = try await Self.list(fixture, ListObjectsRequest(continuationToken: "not-a-token"))
            }
            await fixture.expectError(.noSuchBucket) {
                _ = try await fixture.store.listObjects(bucket: "missing-bucket", ListObjectsRequest())
            }
        }
    }

    @Test func upperBoundOfPrefix() {
        #expect(KeyOrder.upperBound(ofPrefix: "photos/") == "photos0")
        #expect(KeyOrder.upperBound(ofPrefix: "") == nil)
        #expect(KeyOrder.upperBound(ofPrefix: "a\u{D7FF}") == "a\u{E000}")
        #expect(KeyOrder.upperBound(ofPrefix: "a\u{10FFFF}") == "b")
    }
}
