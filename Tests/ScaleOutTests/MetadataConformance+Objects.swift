import Foundation
import Testing

@testable import ObjectStore

extension MetadataConformanceTests {
    static let objectCommitAndRead: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("data"))
        let first = MetadataSamples.object("data", "ключ/😀")
        let results = try await store.commitObjects([
            (first, .none), (MetadataSamples.object("missing", "k"), .none),
            (MetadataSamples.object("data", "inline", inline: true), .none),
        ])
        #expect(results.map(\.errorKind) == [nil, .noSuchBucket, nil])
        #expect(try await store.object(bucket: "data", key: "ключ/😀") == first)
        #expect(try await store.cachedObject(bucket: "data", key: "ключ/😀") == first)
        #expect(try await store.object(bucket: "data", key: "inline").inlineBlob == Data(repeating: 9, count: 100))
        await expectError(.noSuchKey) { _ = try await store.object(bucket: "data", key: "nope") }
        await expectError(.noSuchKey) { _ = try await store.cachedObject(bucket: "data", key: "nope") }
        await expectError(.noSuchBucket) { _ = try await store.object(bucket: "missing", key: "k") }
        // A replacement returns the replaced blob; an inline object has none.
        let second = MetadataSamples.object("data", "ключ/😀", size: 99)
        let replaced = try await store.commitObjects([
            (second, .none), (MetadataSamples.object("data", "inline"), .none),
        ])
        #expect(try replaced[0].get() == [try #require(ObjectID(bytes: first.objectId))])
        #expect(try replaced[1].get() == [])
        #expect(try await store.cachedObject(bucket: "data", key: "ключ/😀") == second)
        // Rows of one key in one batch apply in their order, whatever the order of the batch's other keys.
        let (early, late) = (MetadataSamples.object("data", "zz"), MetadataSamples.object("data", "zz", size: 7))
        let batch = try await store.commitObjects([
            (early, .none), (MetadataSamples.object("data", "a"), .none), (late, .none),
        ])
        #expect(try batch.map { try $0.get() } == [[], [], [try #require(ObjectID(bytes: early.objectId))]])
        #expect(try await store.object(bucket: "data", key: "zz") == late)
    }

    static let conditionalWrites: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("cond"))
        let row = MetadataSamples.object("cond", "k", etag: "11111111111111111111111111111111")
        let noneMatch = WriteConditions(ifNoneMatch: true)
        let results = try await store.commitObjects([
            (row, WriteConditions(ifMatch: "*")), (row, noneMatch), (MetadataSamples.object("cond", "k"), noneMatch),
        ])
        // If-Match on a missing key is 404; the first If-None-Match wins; the second sees its row.
        #expect(results.map(\.errorKind) == [.noSuchKey, nil, .preconditionFailed])
        let matching = WriteConditions(ifMatch: "\"11111111111111111111111111111111\"")
        let other = WriteConditions(ifMatch: "\"22222222222222222222222222222222\"")
        let next = try await store.commitObjects([
            (MetadataSamples.object("cond", "k"), other), (MetadataSamples.object("cond", "k"), matching),
        ])
        #expect(next.map(\.errorKind) == [.preconditionFailed, nil])
    }

    static let deletes: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("del"))
        let blob = MetadataSamples.object("del", "blob")
        _ = try await store.commitObjects([
            (blob, .none), (MetadataSamples.object("del", "inline", inline: true), .none),
        ])
        let deleted = try await store.deleteObjects(bucket: "del", keys: ["blob", "absent", "inline", "blob"])
        #expect(deleted == [[try #require(ObjectID(bytes: blob.objectId))], nil, [], nil])
        await expectError(.noSuchKey) { _ = try await store.object(bucket: "del", key: "blob") }
        await expectError(.noSuchBucket) { _ = try await store.deleteObjects(bucket: "missing", keys: ["k"]) }
    }

    /// Keys in byte order of their UTF-8 (not collation order), with prefixes, delimiters and pages.
    static let listingOrder: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("list"))
        let keys = ["B", "a", "a/1", "a/2", "a/b/c", "a0", "b", "Z", "é", "z", "\u{7F}", "日本"]
        _ = try await store.commitObjects(keys.map { (MetadataSamples.object("list", $0), .none) })
        let sorted = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let all = try await store.listObjects(bucket: "list", ListObjectsRequest(), from: nil)
        #expect(all.objects.map(\.key) == sorted)
        #expect(!all.isTruncated)
        let folders = try await store.listObjects(bucket: "list", ListObjectsRequest(delimiter: "/"), from: nil)
        #expect(folders.commonPrefixes == ["a/"])
        #expect(folders.objects.map(\.key) == sorted.filter { !$0.hasPrefix("a/") })
        let prefixed = try await store.listObjects(
            bucket: "list", ListObjectsRequest(prefix: "a/", delimiter: "/"), from: nil)
        #expect(prefixed.objects.map(\.key) == ["a/1", "a/2"])
        #expect(prefixed.commonPrefixes == ["a/b/"])
        // Pages of 5 from the cursor each page ends at.
        var seen: [String] = []
        var cursor: ListCursor?
        for _ in 0..<10 {
            let page = try await store.listObjects(bucket: "list", ListObjectsRequest(maxKeys: 5), from: cursor)
            seen += page.objects.map(\.key)
            guard page.isTruncated, let next = page.nextMarker else { break }
            cursor = ListCursor(key: next, inclusive: false)
        }
        #expect(seen == sorted)
        #expect(try await store.listObjects(bucket: "list", ListObjectsRequest(maxKeys: 0), from: nil).objects.isEmpty)
        await expectError(.noSuchBucket) {
            _ = try await store.listObjects(bucket: "missing", ListObjectsRequest(), from: nil)
        }
    }

    static let objectIDs: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("ids"))
        let low = MetadataSamples.object("ids", "low", objectId: MetadataSamples.id(first: 0x10))
        let high = MetadataSamples.object("ids", "high", objectId: MetadataSamples.id(first: 0xFF))
        let inline = MetadataSamples.object("ids", "inline", objectId: MetadataSamples.id(first: 0x10), inline: true)
        _ = try await store.commitObjects([(low, .none), (high, .none), (inline, .none)])
        let upload = MetadataSamples.upload("ids", "up")
        try await store.insertUpload(upload)
        var part = MetadataSamples.part(1)
        part.blobId = MetadataSamples.id(first: 0x10)
        _ = try await store.commitPart(part, upload: upload)
        let ids = try await store.objectIDs(firstByte: 0x10)
        // Every live row's id in the directory (the inline object's id names no file, but is still a row's).
        #expect(
            ids == Set([low.objectId, inline.objectId, part.blobId].compactMap { ObjectID(bytes: $0) }))
        #expect(try await store.objectIDs(firstByte: 0xFF) == [try #require(ObjectID(bytes: high.objectId))])
        #expect(try await store.objectIDs(firstByte: 0x11).isEmpty)
    }
}
