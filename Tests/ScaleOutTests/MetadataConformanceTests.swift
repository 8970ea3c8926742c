import Foundation
import PostgresObjectMetadata
import TestSupport
import Testing

@testable import ObjectStore

/// One suite, two implementations: every behaviour of ``ObjectMetadataStore`` on SQLite and on PostgreSQL.
@Suite(.enabled(if: PostgreSQL.testsRun), .serialized)
struct MetadataConformanceTests {
    @Test(arguments: MetadataBackendKind.allCases)
    func buckets(kind: MetadataBackendKind) async throws {
        try await MetadataStores.run(
            kind, [Self.bucketLifecycle, Self.bucketOrderAndEncryption, Self.bucketUsage, Self.bucketKeys])
    }

    @Test(arguments: MetadataBackendKind.allCases)
    func objects(kind: MetadataBackendKind) async throws {
        try await MetadataStores.run(
            kind, [Self.objectCommitAndRead, Self.conditionalWrites, Self.deletes, Self.listingOrder, Self.objectIDs])
    }

    @Test(arguments: MetadataBackendKind.allCases)
    func multipart(kind: MetadataBackendKind) async throws {
        try await MetadataStores.run(kind, [Self.uploadsAndParts, Self.completion, Self.uploadListing])
    }

    static let bucketLifecycle: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("alpha"))
        await expectError(.bucketAlreadyOwnedByYou) { try await store.createBucket(MetadataSamples.bucket("alpha")) }
        #expect(try await store.bucket("alpha") == MetadataSamples.bucket("alpha"))
        await expectError(.noSuchBucket) { _ = try await store.bucket("missing") }
        await expectError(.noSuchBucket) { _ = try await store.deleteBucket("missing") }
        _ = try await store.commitObjects([(MetadataSamples.object("alpha", "k"), .none)])
        await expectError(.bucketNotEmpty) { _ = try await store.deleteBucket("alpha") }
        _ = try await store.deleteObjects(bucket: "alpha", keys: ["k"])
        // An upload in progress goes with its bucket; its parts' blobs are returned for removal.
        let upload = MetadataSamples.upload("alpha", "u")
        try await store.insertUpload(upload)
        let part = MetadataSamples.part(1)
        _ = try await store.commitPart(part, upload: upload)
        #expect(try await store.deleteBucket("alpha") == [try part.blobID])
        await expectError(.noSuchBucket) { _ = try await store.bucket("alpha") }
        await expectError(.noSuchBucket) { _ = try await store.upload(upload.uploadId, bucket: "alpha", key: "u") }
        #expect(try await store.buckets().isEmpty)
    }

    static let bucketOrderAndEncryption: MetadataCheck = { store in
        for name in ["b-1", "a10", "a-2", "a.9"] { try await store.createBucket(MetadataSamples.bucket(name)) }
        #expect(try await store.buckets().map(\.name) == ["a-2", "a.9", "a10", "b-1"])
        let encryption = BucketEncryption(
            algorithm: .awsKMS, kmsMasterKeyId: MetadataSamples.kmsKeyArn, bucketKeyEnabled: true)
        try await store.setBucketEncryption("a10", encryption)
        let row = try await store.bucket("a10")
        #expect(row.sseAlgorithm == "aws:kms")
        #expect(row.sseKmsKeyId == MetadataSamples.kmsKeyArn)
        #expect(row.sseBucketKeyEnabled)
        try await store.setBucketEncryption("a10", nil)
        #expect(try await store.bucket("a10") == MetadataSamples.bucket("a10"))
        await expectError(.noSuchBucket) { try await store.setBucketEncryption("zz-missing", encryption) }
    }

    static let bucketUsage: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("full"))
        try await store.createBucket(MetadataSamples.bucket("empty"))
        _ = try await store.commitObjects([
            (MetadataSamples.object("full", "a", size: 10), .none),
            (MetadataSamples.object("full", "b", size: 5), .none),
        ])
        _ = try await store.commitObjects([(MetadataSamples.object("full", "a", size: 100), .none)])
        #expect(
            try await store.bucketUsage() == [
                BucketUsage(bucket: "empty", objects: 0, bytes: 0), BucketUsage(bucket: "full", objects: 2, bytes: 105),
            ])
        _ = try await store.deleteObjects(bucket: "full", keys: ["b"])
        #expect(try await store.bucketUsage().last == BucketUsage(bucket: "full", objects: 1, bytes: 100))
    }

    static let bucketKeys: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("keyed"))
        try await store.createBucket(MetadataSamples.bucket("other"))
        let key = MetadataSamples.bucketKey("keyed")
        await expectError(.noSuchBucket) { try await store.insertBucketKey(MetadataSamples.bucketKey("missing")) }
        try await store.insertBucketKey(key)
        #expect(try await store.bucketKey(id: [UInt8](key.id)) == key)
        #expect(try await store.bucketKey(id: [UInt8](MetadataSamples.id())) == nil)
        // An object must name a persisted bucket key of its own bucket.
        let results = try await store.commitObjects([
            (MetadataSamples.bucketKeyObject("keyed", "good", bucketKeyId: key.id), .none),
            (MetadataSamples.bucketKeyObject("keyed", "unknown", bucketKeyId: MetadataSamples.id()), .none),
            (MetadataSamples.bucketKeyObject("other", "foreign", bucketKeyId: key.id), .none),
        ])
        #expect(results.map(\.errorKind) == [nil, .internalError, .internalError])
        #expect(try await store.object(bucket: "keyed", key: "good").bucketKeyId == key.id)
    }
}
