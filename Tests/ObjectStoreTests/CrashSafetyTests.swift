import Foundation
import Synchronization
import Testing

@testable import ObjectStore

@Suite("Crash safety")
struct CrashSafetyTests {
    struct InjectedCrash: Error {}

    @Test func crashBetweenBlobAndCommitLeavesNoObjectAndSweepRemovesBlob() async throws {
        let published = Mutex<String?>(nil)
        let side = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: side) }
        try await StoreFixture.with(durability: .durable) { fixture in
            // Given a store whose next commit "crashes" right after the blob is durable under its name.
            let crashing = fixture.store.withFaultAfterBlobPublished { id in
                let path = fixture.store.files.path(for: id)
                try FileManager.default.linkItem(atPath: path, toPath: side)  // survives the process "dying"
                published.withLock { $0 = path }
                throw InjectedCrash()
            }
            // When the PUT fails at that point.
            await #expect(throws: InjectedCrash.self) {
                try await crashing.putObject(
                    PutObjectRequest(bucket: "bucket1", key: "k", requester: StoreFixture.requester),
                    body: ByteChunks(bytes: testBytes(5000))
                )
            }
            // Then no object is visible.
            await fixture.expectError(.noSuchKey) { _ = try await fixture.get("k") }
            // And after a restart that finds the blob still on disk, the sweep deletes it.
            let path = try #require(published.withLock { $0 })
            try FileManager.default.moveItem(atPath: side, toPath: path)
            let restarted = try await fixture.reopened()
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(restarted.blobFiles().isEmpty)
            await restarted.expectError(.noSuchKey) { _ = try await restarted.get("k") }
            try await restarted.store.shutdown()
        }
    }

    @Test func startUpSweepsTemporariesAndUnknownBlobsButKeepsCommittedObjects() async throws {
        try await StoreFixture.with { fixture in
            let original = testBytes(4000)
            try await fixture.put("kept", original)
            let temporary = fixture.directory + "/objects/tmp/0123456789abcdef0123456789abcdef.tmp"
            let stray = fixture.directory + "/objects/ab/ab23456789abcdef0123456789abcdef"
            let junk = fixture.directory + "/objects/ab/not-a-blob"
            for path in [temporary, stray, junk] {
                _ = FileManager.default.createFile(atPath: path, contents: Data("junk".utf8))
            }
            let restarted = try await fixture.reopened()
            for path in [temporary, stray, junk] {
                #expect(!FileManager.default.fileExists(atPath: path), "\(path)")
            }
            #expect(try await restarted.get("kept") == original)
            #expect(restarted.blobFiles().count == 1)
            try await restarted.store.shutdown()
        }
    }

    @Test func failedBodyLeavesNothingBehind() async throws {
        try await StoreFixture.with { fixture in
            let request = PutObjectRequest(bucket: "bucket1", key: "k", requester: StoreFixture.requester)
            // Fails after 2 MiB, so a temporary file exists by then.
            let body = ByteChunks(bytes: testBytes(3 << 20), chunkSize: 64 * 1024, failAfter: 32)
            await #expect(throws: ByteChunks.InjectedFailure.self) {
                try await fixture.store.putObject(request, body: body)
            }
            await fixture.expectError(.noSuchKey) { _ = try await fixture.get("k") }
            #expect(fixture.allFiles().filter { $0.contains("/objects/") }.isEmpty)
        }
    }

    @Test func overwriteReplacesAtomicallyAndDeletesTheOldBlob() async throws {
        try await StoreFixture.with { fixture in
            try await fixture.put("k", testBytes(3000, seed: 1))
            let oldPath = try await fixture.blobPath("k")
            try await fixture.put("k", testBytes(2000, seed: 2))
            #expect(try await fixture.get("k") == testBytes(2000, seed: 2))
            #expect(!FileManager.default.fileExists(atPath: oldPath))
            #expect(fixture.blobFiles().count == 1)
        }
    }

    @Test func concurrentPutsToOneKeyLeaveOneWholeVersion() async throws {
        try await StoreFixture.with(durability: .durable) { fixture in
            let versions = (1...16).map { testBytes(3 * 1024 + Int($0), seed: UInt8($0)) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for version in versions {
                    group.addTask { try await fixture.put("k", version, chunkSize: 333) }
                }
                try await group.waitForAll()
            }
            let final = try await fixture.get("k")
            #expect(versions.contains(final))
            #expect(fixture.blobFiles().count == 1)
            let info = try await fixture.store.headObject(
                GetObjectRequest(bucket: "bucket1", key: "k", requester: StoreFixture.requester)
            )
            #expect(info.info.size == Int64(final.count))
        }
    }

    @Test func readsDuringOverwritesSeeWholeVersions() async throws {
        try await StoreFixture.with { fixture in
            let versions = (0..<4).map { testBytes(2 * 1024 + 100 * $0, seed: UInt8($0 + 1)) }
            try await fixture.put("k", versions[0])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for _ in 0..<15 { try await fixture.put("k", versions[writer]) }
                    }
                }
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<30 {
                            let bytes = try await fixture.get("k")
                            #expect(versions.contains(bytes))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(fixture.blobFiles().count == 1)
        }
    }

    @Test func groupCommitHandlesManyConcurrentKeys() async throws {
        try await StoreFixture.with(durability: .durable) { fixture in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask { try await fixture.put("key-\(index)", testBytes(100, seed: UInt8(index))) }
                }
                try await group.waitForAll()
            }
            for index in 0..<64 {
                #expect(try await fixture.get("key-\(index)") == testBytes(100, seed: UInt8(index)))
            }
            // Concurrent commits shared transactions (each durable commit costs an fsync, so others queue).
            #expect(fixture.store.counters.objectCommits == 64)
            #expect(fixture.store.counters.commitBatches < 64)
        }
    }

    @Test func deleteRemovesRowAndBlobAndIsIdempotent() async throws {
        try await StoreFixture.with { fixture in
            try await fixture.put("k", testBytes(10))
            let path = try await fixture.blobPath("k")
            try await fixture.store.deleteObject(bucket: "bucket1", key: "k")
            try await fixture.store.deleteObject(bucket: "bucket1", key: "k")
            #expect(!FileManager.default.fileExists(atPath: path))
            await fixture.expectError(.noSuchKey) { _ = try await fixture.get("k") }
            await fixture.expectError(.noSuchBucket) {
                try await fixture.store.deleteObject(bucket: "nope-bucket", key: "k")
            }
            try await fixture.put("a", [1])
            let deleted = try await fixture.store.deleteObjects(bucket: "bucket1", keys: ["a", "missing"])
            #expect(deleted == [true, false])
        }
    }
}

extension ObjectStore {
    /// A copy of this store whose PUTs run `hook` between blob publication and metadata commit.
    func withFaultAfterBlobPublished(_ hook: @escaping @Sendable (ObjectID) async throws -> Void) -> ObjectStore {
        var configuration = self.configuration
        configuration.afterBlobPublished = hook
        return ObjectStore(
            configuration: configuration,
            metadata: metadata,
            blobs: blobs,
            files: files,
            committer: committer,
            keyring: keyring,
            counters: counters,
            logger: logger
        )
    }
}
