import Testing

@testable import ObjectStore

@Suite("Buckets")
struct BucketTests {
    @Test(arguments: ["abc", "my-bucket", "my.bucket.name", "a1b2c3", String(repeating: "a", count: 63)])
    func acceptsValidNames(name: String) {
        #expect(BucketName.isValid(name))
    }

    @Test(arguments: [
        "ab", String(repeating: "a", count: 64), "MyBucket", "my_bucket", "-bucket", "bucket-", ".bucket",
        "my..bucket", "192.168.5.4", "xn--bucket", "sthree-bucket", "bucket-s3alias", "bucket--ol-s3",
        "bucket.mrap", "bucket--x-s3", "bucket space",
    ])
    func rejectsInvalidNames(name: String) {
        #expect(!BucketName.isValid(name))
    }

    @Test func lifecycle() async throws {
        try await StoreFixture.with { fixture in
            let store = fixture.store
            await fixture.expectError(.invalidBucketName) { try await store.createBucket("Bad_Name") }
            await fixture.expectError(.bucketAlreadyOwnedByYou) { try await store.createBucket("bucket1") }
            try await store.createBucket("another")
            #expect(try await store.listBuckets().map(\.name) == ["another", "bucket1"])
            #expect(try await store.bucketRegion("another") == "us-east-1")
            #expect(try await store.headBucket("another").name == "another")
            try await fixture.put("k", [1, 2, 3])
            await fixture.expectError(.bucketNotEmpty) { try await store.deleteBucket("bucket1") }
            try await store.deleteObject(bucket: "bucket1", key: "k")
            try await store.deleteBucket("bucket1")
            await fixture.expectError(.noSuchBucket) { _ = try await store.headBucket("bucket1") }
            await fixture.expectError(.noSuchBucket) { try await store.deleteBucket("bucket1") }
            await fixture.expectError(.noSuchBucket) { try await fixture.put("k", [1]) }
        }
    }

    @Test func defaultEncryptionConfiguration() async throws {
        try await StoreFixture.with { fixture in
            let store = fixture.store
            #expect(try await store.bucketEncryption("bucket1") == .default)
            let kms = BucketEncryption(algorithm: .awsKMS, kmsMasterKeyId: "alias/mine", bucketKeyEnabled: true)
            try await store.putBucketEncryption("bucket1", kms)
            #expect(try await store.bucketEncryption("bucket1") == kms)
            try await store.deleteBucketEncryption("bucket1")
            try await store.deleteBucketEncryption("bucket1")
            #expect(try await store.bucketEncryption("bucket1") == .default)
            await fixture.expectError(.invalidArgument) {
                try await store.putBucketEncryption(
                    "bucket1", BucketEncryption(algorithm: .aes256, kmsMasterKeyId: "x"))
            }
            await fixture.expectError(.noSuchBucket) { _ = try await store.bucketEncryption("nope-bucket") }
        }
    }

    @Test func keyLengthLimits() async throws {
        try await StoreFixture.with { fixture in
            await fixture.expectError(.invalidKey) { try await fixture.put("", [1]) }
            await fixture.expectError(.invalidKey) { try await fixture.put(String(repeating: "k", count: 1025), [1]) }
            try await fixture.put(String(repeating: "k", count: 1024), [1])
        }
    }
}
