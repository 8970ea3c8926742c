import Foundation
import GRDB
import NIOCore
import Testing

@testable import ObjectStore

/// Every modification of a blob makes the read fail with `corruptObject`; it never yields wrong bytes.
@Suite("Tamper and truncation detection")
struct TamperDetectionTests {
    static let segment = 1024
    static let sealedSegment = segment + 16
    static let header = 32

    /// Reads `key` fully; expects a `corruptObject` failure and that every byte yielded before it matches.
    static func expectCorrupt(_ fixture: StoreFixture, _ key: String, original: [UInt8], range: ByteRangeRequest? = nil)
        async
    {
        var received: [UInt8] = []
        do {
            let result = try await fixture.store.getObject(
                GetObjectRequest(bucket: "bucket1", key: key, range: range, requester: StoreFixture.requester)
            )
            for try await buffer in result.body { received += buffer.readableBytesView }
            Issue.record("read of tampered blob succeeded")
        } catch let error as ObjectStoreError {
            #expect(error.kind == .corruptObject, "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let start = Int(try! (range?.resolve(size: Int64(original.count)).lowerBound) ?? 0)
        #expect(
            Array(original[start..<start + received.count]) == received,
            "bytes yielded before the failure must be authentic")
    }

    static func modify(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Also changes the row's size, as an attacker holding both files would, so only the AEAD can tell.
    static func setRowSize(_ fixture: StoreFixture, _ key: String, _ size: Int) async throws {
        try await fixture.store.database.write { db in
            try db.execute(sql: "UPDATE objects SET size = ? WHERE key = ?", arguments: [size, key])
        }
    }

    @Test(arguments: [0, 4, 5, 9, 12, 16, 31, 32, 40, 32 + 1023, 32 + 1024, 32 + 1039, 32 + 1040, 32 + 2 * 1040 + 5])
    func flippedByteIsDetected(offset: Int) async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(3 * Self.segment + 100)
            try await fixture.put("k", original)
            try Self.modify(try await fixture.blobPath("k")) { $0[offset] ^= 0x01 }
            await Self.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test func flippedByteInLastTagIsDetected() async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(2 * Self.segment + 10)
            try await fixture.put("k", original)
            try Self.modify(try await fixture.blobPath("k")) { $0[$0.count - 1] ^= 0x80 }
            await Self.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test(arguments: [1, 15, 16, 17, 1040, 1041])
    func truncationIsDetected(cut: Int) async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(3 * Self.segment + 100)
            try await fixture.put("k", original)
            try Self.modify(try await fixture.blobPath("k")) { $0.removeLast(cut) }
            await Self.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test func droppedFinalSegmentIsDetectedEvenWithAForgedSize() async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(3 * Self.segment)
            try await fixture.put("k", original)
            try Self.modify(try await fixture.blobPath("k")) { $0.removeLast(Self.sealedSegment) }
            try await Self.setRowSize(fixture, "k", 2 * Self.segment)
            await Self.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test func truncationMidSegmentWithForgedSizeIsDetected() async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(2 * Self.segment + 500)
            try await fixture.put("k", original)
            try Self.modify(try await fixture.blobPath("k")) { $0.removeLast(200) }
            try await Self.setRowSize(fixture, "k", 2 * Self.segment + 300)
            await Self.expectCorrupt(fixture, "k", original: original)
        }
    }

    @Test func reorderedSegmentsAreDetected() async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(3 * Self.segment + 1)
            try await fixture.put("k", original)
            try Self.modify(try await fixture.blobPath("k")) { bytes in
                let first = Self.header..<Self.header + Self.sealedSegment
                let second = first.upperBound..<first.upperBound + Self.sealedSegment
                let copy = Array(bytes[first])
                bytes.replaceSubrange(first, with: bytes[second])
                bytes.replaceSubrange(second, with: copy)
            }
            await Self.expectCorrupt(fixture, "k", original: original)
            await Self.expectCorrupt(fixture, "k", original: original, range: .bounded(first: 1100, last: 1200))
        }
    }

    @Test func blobsSwappedBetweenObjectsAreDetected() async throws {
        try await StoreFixture.with { fixture in
            let a = testBytes(2 * Self.segment, seed: 1)
            let b = testBytes(2 * Self.segment, seed: 2)
            try await fixture.put("a", a)
            try await fixture.put("b", b)
            let pathA = try await fixture.blobPath("a")
            let pathB = try await fixture.blobPath("b")
            let bytesB = try Data(contentsOf: URL(fileURLWithPath: pathB))
            // Plain swap: the header names another object.
            try bytesB.write(to: URL(fileURLWithPath: pathA))
            await Self.expectCorrupt(fixture, "a", original: a)
            // Swap with the header rewritten to claim object a: the AEAD still refuses.
            let headerA = try await fixture.store.database.object(bucket: "bucket1", key: "a").objectId
            try Self.modify(pathA) { $0.replaceSubrange(16..<32, with: headerA) }
            await Self.expectCorrupt(fixture, "a", original: a)
        }
    }

    @Test func swappedEmptyObjectsAreDetected() async throws {
        try await StoreFixture.with { fixture in
            try await fixture.put("a", [])
            try await fixture.put("b", [])
            let pathA = try await fixture.blobPath("a")
            let headerA = try await fixture.store.database.object(bucket: "bucket1", key: "a").objectId
            try Data(contentsOf: URL(fileURLWithPath: try await fixture.blobPath("b"))).write(
                to: URL(fileURLWithPath: pathA))
            try Self.modify(pathA) { $0.replaceSubrange(16..<32, with: headerA) }
            await Self.expectCorrupt(fixture, "a", original: [])
        }
    }

    @Test func missingBlobIsReportedNotServed() async throws {
        try await StoreFixture.with { fixture in
            try await fixture.put("k", testBytes(10))
            try FileManager.default.removeItem(atPath: try await fixture.blobPath("k"))
            await Self.expectCorrupt(fixture, "k", original: testBytes(10))
        }
    }
}
