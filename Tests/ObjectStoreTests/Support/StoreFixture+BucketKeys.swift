import Foundation
import GRDB
import ObjectStore
import TestSupport

@testable import ObjectStore

extension StoreFixture {
    /// A second principal of the same account.
    static let otherRequester = DataKeyRequester(
        principalArn: "arn:aws:iam::111122223333:user/other", accountId: "111122223333")

    /// The KMS key `bk` that the bucket-key fixtures use as `bucket1`'s default.
    static let bucketKeyKMSKey = "bk"

    /// Runs `body` with a store whose `bucket1` defaults to SSE-KMS with key `bk` and bucket keys on, and
    /// whose bucket-key caches age by `clock`.
    static func withBucketKeys(
        clock: TestClock = TestClock(),
        ttl: Duration = ObjectStoreConfiguration.defaultBucketKeyTTL,
        maxUses: Int = ObjectStoreConfiguration.defaultBucketKeyMaxUses,
        durability: Durability = .relaxed,
        _ body: (StoreFixture, String) async throws -> Void
    ) async throws {
        let configure: (inout ObjectStoreConfiguration) -> Void = { configuration in
            configuration.bucketKeyTTL = ttl
            configuration.bucketKeyMaxUses = maxUses
            configuration.bucketKeyClock = clock.now
        }
        try await with(durability: durability, configure: configure) { fixture in
            let arn = fixture.keys.createKey(bucketKeyKMSKey)
            try await fixture.store.putBucketEncryption(
                "bucket1", BucketEncryption(algorithm: .awsKMS, kmsMasterKeyId: arn, bucketKeyEnabled: true))
            try await body(fixture, arn)
        }
    }

    /// The stored row of `key`.
    func row(_ key: String, bucket: String = "bucket1") async throws -> ObjectRow {
        try await store.database.object(bucket: bucket, key: key)
    }

    /// Every persisted bucket key.
    func bucketKeyRows() async throws -> [BucketKeyRow] {
        try await store.database.pool.read { db in try BucketKeyRow.fetchAll(db) }
    }

    /// Waits until `condition` holds for the bucket-key cache statistics (at most 10 seconds).
    func waitForCacheStats(_ condition: (BucketKeyCacheStats) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition(store.bucketKeyCacheStats()) {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
