import Foundation
import TestSupport
import Testing

@testable import ObjectStore
@testable import PostgresObjectMetadata

/// Each node caches bucket rows and bucket access; another node's change reaches it through the change log.
@Suite(.enabled(if: PostgreSQL.testsRun), .serialized)
struct BucketCacheCoherenceTests {
    static let policy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject",\
        "Resource":"arn:aws:s3:::cached/*"}]}
        """

    @Test func anotherNodesBucketChangesReachACachingNode() async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        try await MetadataStores.withPostgres(server) { writer, _ in
            try await MetadataStores.withPostgres(server) { reader, _ in
                let follower = Task { try await reader.changeFollower.run() }
                defer { follower.cancel() }
                try await writer.createBucket(MetadataSamples.bucket("cached"), publicAccessBlock: nil)
                // Warm the reader's caches, then change the bucket on the writer: the reader must see each change.
                try await Self.eventually("the follower starts caching") { reader.caching.isActive }
                _ = try await reader.bucket("cached")
                #expect(try await reader.bucketAccess("cached").policy == nil)
                try await writer.setBucketPolicy("cached", Self.policy)
                try await Self.eventually("the policy reaches the other node") {
                    try await reader.bucketAccess("cached").policy == Self.policy
                }
                try await writer.setBucketEncryption("cached", BucketEncryption(algorithm: .awsKMS))
                try await Self.eventually("the default encryption reaches the other node") {
                    try await reader.bucket("cached").sseAlgorithm == "aws:kms"
                }
                _ = try await writer.deleteBucket("cached")
                try await Self.eventually("the deletion reaches the other node") {
                    do {
                        _ = try await reader.bucket("cached")
                        return false
                    } catch let error as ObjectStoreError where error.kind == .noSuchBucket {
                        return true
                    }
                }
            }
        }
    }

    /// Polls `condition` until it holds, for at most 5 s (the change log's backstop poll), and prints how long it took.
    static func eventually(
        _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < .seconds(5) {
            if try await condition() {
                print("\(what): \(clock.now - start)")
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("\(what): not within 5 s", sourceLocation: sourceLocation)
    }
}
