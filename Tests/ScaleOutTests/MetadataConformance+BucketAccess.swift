import Foundation
import Testing

@testable import ObjectStore

/// Bucket policies and Block Public Access settings, on both metadata stores.
extension MetadataConformanceTests {
    @Test(arguments: MetadataBackendKind.allCases)
    func bucketAccess(kind: MetadataBackendKind) async throws {
        try await MetadataStores.run(kind, [Self.policyAndBlock, Self.accessGoesWithTheBucket])
    }

    static let samplePolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::guarded/*"}]}"#

    static let policyAndBlock: MetadataCheck = { store in
        // A bucket created with the default settings reports them; one created without has none.
        try await store.createBucket(MetadataSamples.bucket("guarded"), publicAccessBlock: .allBlocked)
        try await store.createBucket(MetadataSamples.bucket("legacy"))
        #expect(try await store.bucketAccess("guarded") == BucketAccess(publicAccessBlock: .allBlocked))
        #expect(try await store.bucketAccess("legacy") == .unset)
        // The policy and the settings change independently.
        try await store.setBucketPolicy("guarded", samplePolicy)
        let partial = PublicAccessBlock(blockPublicAcls: true, restrictPublicBuckets: true)
        try await store.setPublicAccessBlock("guarded", partial)
        #expect(
            try await store.bucketAccess("guarded") == BucketAccess(policy: samplePolicy, publicAccessBlock: partial))
        try await store.setPublicAccessBlock("guarded", nil)
        #expect(try await store.bucketAccess("guarded") == BucketAccess(policy: samplePolicy))
        try await store.setBucketPolicy("guarded", nil)
        #expect(try await store.bucketAccess("guarded") == .unset)
        try await store.setPublicAccessBlock("legacy", PublicAccessBlock())
        #expect(try await store.bucketAccess("legacy") == BucketAccess(publicAccessBlock: PublicAccessBlock()))
        await expectError(.noSuchBucket) { _ = try await store.bucketAccess("zz-missing") }
        await expectError(.noSuchBucket) { try await store.setBucketPolicy("zz-missing", samplePolicy) }
        await expectError(.noSuchBucket) { try await store.setPublicAccessBlock("zz-missing", .allBlocked) }
        // Taken names keep their settings.
        await expectError(.bucketAlreadyOwnedByYou) {
            try await store.createBucket(MetadataSamples.bucket("legacy"), publicAccessBlock: .allBlocked)
        }
        #expect(try await store.bucketAccess("legacy") == BucketAccess(publicAccessBlock: PublicAccessBlock()))
    }

    static let accessGoesWithTheBucket: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("transient"), publicAccessBlock: .allBlocked)
        try await store.setBucketPolicy("transient", samplePolicy)
        _ = try await store.bucketAccess("transient")
        _ = try await store.deleteBucket("transient")
        await expectError(.noSuchBucket) { _ = try await store.bucketAccess("transient") }
        // A new bucket of the same name starts afresh (no cached or leftover policy).
        try await store.createBucket(MetadataSamples.bucket("transient"))
        #expect(try await store.bucketAccess("transient") == .unset)
    }
}
