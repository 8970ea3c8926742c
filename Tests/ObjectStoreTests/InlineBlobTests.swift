import Foundation
import GRDB
import Testing

@testable import ObjectStore

/// Small objects keep their sealed blob in the metadata row (docs/storage-format.md §9): the same format and the
/// same guarantees as a blob file, without the file.
@Suite("Small objects kept in their metadata row")
struct InlineBlobTests {
    static let threshold = 4096
    static let segment = 1024
    static let sealedSegment = segment + 16
    static let header = 32

    static func with(_ body: (StoreFixture) async throws -> Void) async throws {
        try await StoreFixture.with(inlineThreshold: threshold, body)
    }

    /// The sealed blob kept in `key`'s row, or nil when the object is a blob file.
    static func inlineBlob(_ fixture: StoreFixture, _ key: String) async throws -> [UInt8]? {
        try await fixture.store.database.pool.read { db in
            try Data.fetchOne(db, sql: "SELECT inline_blob FROM objects WHERE key = ?", arguments: [key])
        }.map { [UInt8]($0) }
    }

    /// Rewrites `key`'s inline blob, as someone with write access to the metadata file could.
    static func modifyInlineBlob(_ fixture: StoreFixture, _ key: String, _ change: (inout [UInt8]) -> Void)
        async throws
    {
        var bytes = try #require(try await inlineBlob(fixture, key))
        change(&bytes)
        let changed = bytes
        try await fixture.store.database.write { db in
            try db.execute(sql: "UPDATE objects SET inline_blob = ? WHERE key = ?", arguments: [Data(changed), key])
        }
    }

    @Test(arguments: [0, 1, 1023, 1024, 1025, 3000, 4096])
    func objectsUpToTheThresholdAreStoredInTheRow(size: Int) async throws {
        try await Self.with { fixture in
            let original = testBytes(size)
            let put = try await fixture.put("k", original)
            #expect(put.size == Int64(size))
            let segments = max(1, (size + Self.segment - 1) / Self.segment)
            let blob = try #require(try await Self.inlineBlob(fixture, "k"))
            #expect(blob.count == Self.header + size + segments * 16)
            #expect(fixture.blobFiles().isEmpty)
            #expect(try await fixture.get("k") == original)
            if size > 2 {
                let part = try await fixture.get("k", range: .bounded(first: 1, last: Int64(size - 2)))
                #expect(part == Array(original[1...(size - 2)]))
            }
        }
    }

    @Test func aByteMoreThanTheThresholdIsABlobFile() async throws {
        try await Self.with { fixture in
            let original = testBytes(Self.threshold + 1)
            try await fixture.put("k", original)
            #expect(try await Self.inlineBlob(fixture, "k") == nil)
            #expect(fixture.blobFiles().count == 1)
            #expect(try await fixture.get("k") == original)
        }
    }

    @Test func overwritesAndDeletesMoveBetweenTheRowAndAFileWithoutLeavingFiles() async throws {
        try await Self.with { fixture in
            let small = testBytes(100, seed: 3)
            let large = testBytes(3 * Self.threshold, seed: 4)
            try await fixture.put("k", small)
            try await fixture.put("k", large)
            #expect(fixture.blobFiles().count == 1)
            #expect(try await fixture.get("k") == large)
            try await fixture.put("k", small)
            #expect(fixture.blobFiles().isEmpty, "the replaced large object's blob file is deleted")
            #expect(try await fixture.get("k") == small)
            try await fixture.store.deleteObject(bucket: "bucket1", key: "k")
            await fixture.expectError(.noSuchKey) { _ = try await fixture.get("k") }
            #expect(fixture.blobFiles().isEmpty)
        }
    }

    @Test func rowsSurviveARestartAndTheOrphanSweep() async throws {
        try await Self.with { fixture in
            let original = testBytes(2000)
            try await fixture.put("k", original)
            let restarted = try await fixture.reopened()
            #expect(try await restarted.store.sweepOrphans() == 0)
            #expect(try await restarted.get("k") == original)
        }
    }

    @Test func aCopyOfASmallObjectIsStoredInItsRowToo() async throws {
        try await Self.with { fixture in
            let original = testBytes(Self.threshold + 10)
            try await fixture.put("large", original)
            try await fixture.store.createBucket("bucket2")
            let small = testBytes(1000, seed: 9)
            try await fixture.put("small", small)
            _ = try await fixture.store.copyObject(
                CopyObjectRequest(
                    source: CopySourceRequest(bucket: "bucket1", key: "small"), bucket: "bucket2", key: "copy",
                    requester: StoreFixture.requester))
            #expect(fixture.blobFiles().count == 1, "only the large source is a file")
            #expect(try await fixture.get("copy", bucket: "bucket2") == small)
        }
    }

    @Test func theMetadataFileHoldsOnlyCiphertext() async throws {
        try await Self.with { fixture in
            let marker = Array("inline-plaintext-marker-7c1e".utf8)
            try await fixture.put("k", Array(repeating: marker, count: 20).flatMap { $0 })
            try await fixture.store.database.pool.writeWithoutTransaction { db in
                _ = try db.checkpoint(.truncate)
            }
            for path in fixture.allFiles() {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(bytes.range(of: Data(marker)) == nil, "\(path) holds the plaintext")
            }
        }
    }

    // MARK: Tampering: every change of a row's blob fails the read with corruptObject, never wrong bytes.

    @Test(arguments: [0, 4, 9, 16, 31, 32, 40, 32 + 1023, 32 + 1040, 32 + 2 * 1040 + 5])
    func aFlippedByteIsDetected(offset: Int) async throws {
        try await Self.with { fixture in
            let original = testBytes(2 * Self.segment + 100)
            try await fixture.put("k", original)
            try await Self.modifyInlineBlob(fixture, "k") { $0[offset] ^= 0x01 }
            await TamperDetectionTests.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test(arguments: [1, 16, 17, 1041])
    func truncationIsDetected(cut: Int) async throws {
        try await Self.with { fixture in
            let original = testBytes(3 * Self.segment + 100)
            try await fixture.put("k", original)
            try await Self.modifyInlineBlob(fixture, "k") { $0.removeLast(cut) }
            await TamperDetectionTests.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test func aDroppedFinalSegmentIsDetectedEvenWithAForgedSize() async throws {
        try await Self.with { fixture in
            let original = testBytes(3 * Self.segment)
            try await fixture.put("k", original)
            try await Self.modifyInlineBlob(fixture, "k") { $0.removeLast(Self.sealedSegment) }
            try await TamperDetectionTests.setRowSize(fixture, "k", 2 * Self.segment)
            await TamperDetectionTests.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test(arguments: [1000, 0])
    func blobsSwappedBetweenRowsAreDetected(size: Int) async throws {
        try await Self.with { fixture in
            let a = testBytes(size, seed: 1)
            try await fixture.put("a", a)
            try await fixture.put("b", testBytes(size, seed: 2))
            let blobB = try #require(try await Self.inlineBlob(fixture, "b"))
            try await Self.modifyInlineBlob(fixture, "a") { $0 = blobB }
            await TamperDetectionTests.expectCorrupt(fixture, "a", original: a)
            // With the header rewritten to claim object a, the AEAD still refuses.
            let idA = try await fixture.store.database.object(bucket: "bucket1", key: "a").objectId
            try await Self.modifyInlineBlob(fixture, "a") { $0.replaceSubrange(16..<32, with: idA) }
            await TamperDetectionTests.expectCorrupt(fixture, "a", original: a)
        }
    }
}
