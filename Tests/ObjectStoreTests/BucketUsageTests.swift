import Testing

@testable import ObjectStore

/// `ObjectStore.bucketUsage()`: objects and plaintext bytes per bucket, for `/_coffer/stats`.
@Suite("Bucket usage")
struct BucketUsageTests {
    @Test func countsObjectsAndBytesPerBucketIncludingEmptyOnes() async throws {
        try await StoreFixture.with { fixture in
            // Given three objects in bucket1, one overwritten and one deleted, and an empty bucket.
            try await fixture.store.createBucket("empty")
            try await fixture.put("a", Array(repeating: 1, count: 100))
            try await fixture.put("b", Array(repeating: 2, count: 10))
            try await fixture.put("b", Array(repeating: 2, count: 30))
            try await fixture.put("c", Array(repeating: 3, count: 5))
            try await fixture.store.deleteObject(bucket: "bucket1", key: "c")

            // Then the usage counts current objects and their plaintext sizes, ordered by bucket name.
            #expect(
                try await fixture.store.bucketUsage() == [
                    BucketUsage(bucket: "bucket1", objects: 2, bytes: 130),
                    BucketUsage(bucket: "empty", objects: 0, bytes: 0),
                ])
        }
    }
}
