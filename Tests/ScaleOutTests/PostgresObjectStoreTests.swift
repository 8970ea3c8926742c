import Foundation
import PostgresObjectMetadata
import TestSupport
import Testing

@testable import ObjectStore

/// Object stores whose metadata is in PostgreSQL: end to end through ``ObjectStore``, and two stores on one database
/// as two nodes.
@Suite(.enabled(if: PostgreSQL.testsRun), .serialized)
struct PostgresObjectStoreTests {
    @Test func endToEndThroughTheStore() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await SharedObjectStores.with(server, count: 1) { stores in
            let store = stores.nodes[0]
            _ = try await store.createBucket("photos")
            let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
            try await store.put("photos", "a/one", bytes)
            try await store.put("photos", "a/two", [1, 2, 3])
            #expect(try await store.get("photos", "a/one") == bytes)
            let copied = CopyObjectRequest(
                source: CopySourceRequest(bucket: "photos", key: "a/one"), bucket: "photos", key: "b/copy",
                requester: SharedObjectStores.requester)
            _ = try await store.copyObject(copied)
            #expect(try await store.get("photos", "b/copy") == bytes)
            // Multipart: two parts, completed.
            let upload = try await store.createMultipartUpload(
                CreateMultipartUploadRequest(bucket: "photos", key: "c/big", requester: SharedObjectStores.requester))
            let address = UploadAddress(bucket: "photos", key: "c/big", uploadId: upload.uploadId)
            var parts: [CompletedPart] = []
            for number in 1...2 {
                let result = try await store.uploadPart(
                    UploadPartRequest(upload: address, partNumber: number, requester: SharedObjectStores.requester),
                    body: Chunks(bytes: [UInt8](repeating: UInt8(number), count: 3000)))
                parts.append(CompletedPart(partNumber: number, etag: result.part.etag))
            }
            #expect(try await store.listParts(address).parts.count == 2)
            _ = try await store.completeMultipartUpload(
                CompleteMultipartUploadRequest(upload: address, parts: parts, requester: SharedObjectStores.requester))
            #expect(
                try await store.get("photos", "c/big") == [UInt8](repeating: 1, count: 3000)
                    + [UInt8](repeating: 2, count: 3000))
            let listing = try await store.listObjects(bucket: "photos", ListObjectsRequest(delimiter: "/"))
            #expect(listing.commonPrefixes == ["a/", "b/", "c/"])
            #expect(try await store.listObjects(bucket: "photos", ListObjectsRequest()).objects.count == 4)
            #expect(try await store.bucketUsage() == [BucketUsage(bucket: "photos", objects: 4, bytes: 26_003)])
            try await store.deleteObject(bucket: "photos", key: "a/one")
            await expectError(.noSuchKey) { _ = try await store.get("photos", "a/one") }
            #expect(
                try await store.deleteObjects(bucket: "photos", keys: ["a/two", "b/copy", "c/big"]) == [
                    true, true, true,
                ])
            try await store.deleteBucket("photos")
            #expect(try await store.listBuckets().isEmpty)
        }
    }

    @Test func aWriteOnOneNodeIsReadOnTheOtherAtOnce() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await SharedObjectStores.with(server) { stores in
            let (a, b) = (stores.nodes[0], stores.nodes[1])
            _ = try await a.createBucket("shared")
            #expect(try await b.headBucket("shared").name == "shared")
            for round in 0..<20 {
                let bytes = [UInt8](repeating: UInt8(round), count: 100 + round)
                // Each GET through B's row path right after A's acknowledged write: no cache may hide it.
                try await a.put("shared", "k", bytes)
                #expect(try await b.get("shared", "k") == bytes)
                let head = try await b.headObject(
                    GetObjectRequest(bucket: "shared", key: "k", requester: SharedObjectStores.requester))
                #expect(head.info.size == Int64(bytes.count))
            }
            try await b.deleteObject(bucket: "shared", key: "k")
            await expectError(.noSuchKey) { _ = try await a.get("shared", "k") }
        }
    }

    /// A newer node's migration may add a column while older nodes run: their prepared reads must keep working.
    @Test func readsSurviveAColumnAddedWhileRunning() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await SharedObjectStores.with(server) { stores in
            let node = stores.nodes[0]
            _ = try await node.createBucket("grown")
            try await node.put("grown", "k", [1, 2, 3])
            #expect(try await node.get("grown", "k") == [1, 2, 3])
            _ = try server.psql("ALTER TABLE coffer_objects.objects ADD COLUMN added_later TEXT")
            for _ in 0..<4 {  // every pooled connection that prepared the read
                #expect(try await node.get("grown", "k") == [1, 2, 3])
            }
        }
    }

    @Test func concurrentIfNoneMatchWritesOnTwoNodesHaveOneWinner() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await SharedObjectStores.with(server) { stores in
            _ = try await stores.nodes[0].createBucket("race")
            for round in 0..<5 {
                let key = "key-\(round)"
                let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for writer in 0..<16 {
                        let node = stores.nodes[writer % 2]
                        group.addTask {
                            do {
                                try await node.put(
                                    "race", key, [UInt8(writer)], conditions: WriteConditions(ifNoneMatch: true))
                                return true
                            } catch let error as ObjectStoreError where error.kind == .preconditionFailed {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 1, "round \(round)")
            }
        }
    }

    @Test func aHaltedDatabaseIsUnavailableAndTheStoreRecovers() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await SharedObjectStores.with(server, count: 1, requestLimit: .seconds(2)) { stores in
            let store = stores.nodes[0]
            _ = try await store.createBucket("flaky")
            try await store.put("flaky", "before", [1])
            server.halt()
            let started = ContinuousClock.now
            await expectError(.storageUnavailable) { try await store.put("flaky", "during", [2]) }
            await expectError(.storageUnavailable) { _ = try await store.get("flaky", "before") }
            await expectError(.storageUnavailable) {
                _ = try await store.listObjects(bucket: "flaky", ListObjectsRequest())
            }
            #expect(ContinuousClock.now - started < .seconds(10))
            try await server.restart()
            // The pool reconnects by itself, without reopening the store. Bounded (100 tries, 100 ms apart): until it
            // has, a request may meet a connection the restart cut, or the pool's reconnection backoff.
            var recovered = false
            for _ in 0..<100 where !recovered {
                let wrote = (try? await store.put("flaky", "after", [3])) != nil
                let read = (try? await store.get("flaky", "before")) == [1]
                recovered = wrote && read
                if !recovered { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(recovered)
            for round in 0..<5 {
                try await store.put("flaky", "again-\(round)", [UInt8(round)])
                #expect(try await store.get("flaky", "again-\(round)") == [UInt8(round)])
            }
            #expect(try await store.get("flaky", "after") == [3])
        }
    }

    @Test func everyNodeGetsTheFirstStoredStoreKey() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await MetadataStores.withPostgres(server) { first, _ async throws in
            try await MetadataStores.withPostgres(server) { second, _ async throws in
                #expect(try await first.sharedStoreKey(sealedCandidate: [1, 2, 3]) == [1, 2, 3])
                #expect(try await second.sharedStoreKey(sealedCandidate: [9, 9]) == [1, 2, 3])
            }
        }
    }
}
