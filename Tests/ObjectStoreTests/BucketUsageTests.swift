import Foundation
import GRDB
import Testing

@testable import ObjectStore

/// `ObjectStore.bucketUsage()`: objects and plaintext bytes per bucket, for `/_coffer/stats`, kept as running totals
/// on the bucket rows by the metadata database's own transactions.
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

    /// After every kind of write (PUT, overwrite, inline and blob objects, Copy, multipart Complete over an existing
    /// key, DeleteObjects, DELETE, bucket deletion), the totals equal a full count of the object rows.
    @Test func totalsStayExactAcrossEveryWrite() async throws {
        let smallInline: (inout ObjectStoreConfiguration) -> Void = { $0.inlineThreshold = 64 }
        try await StoreFixture.withMultipart(configure: smallInline) { fixture in
            let store = fixture.store
            func check(_ step: String) async throws {
                #expect(try await store.bucketUsage() == (try await Self.scan(store)), "after \(step)")
            }
            try await store.createBucket("bucket2")
            try await fixture.put("blob", Array(repeating: 1, count: 3000))
            try await fixture.put("inline", Array(repeating: 2, count: 10))
            try await check("PUT")
            try await fixture.put("blob", Array(repeating: 3, count: 500))
            try await fixture.put("inline", Array(repeating: 4, count: 5000))
            try await check("overwrite")
            for (key, bucket) in [("copy", "bucket2"), ("inline", "bucket1")] {
                _ = try await store.copyObject(
                    CopyObjectRequest(
                        source: CopySourceRequest(bucket: "bucket1", key: "blob"), bucket: bucket, key: key,
                        requester: StoreFixture.requester))
            }
            try await check("CopyObject")
            let part = Array(repeating: UInt8(5), count: Int(StoreFixture.testMinimumPartSize))
            try await fixture.putMultipart("multi", [part, part, [6]])
            try await fixture.putMultipart("blob", [part, [7, 7]])
            try await check("CompleteMultipartUpload")
            let abandoned = try await fixture.create("abandoned")
            try await fixture.uploadPart("abandoned", abandoned.uploadId, 1, part)
            try await check("UploadPart")
            _ = try await store.deleteObjects(bucket: "bucket1", keys: ["multi", "missing", "inline"])
            try await check("DeleteObjects")
            try await store.deleteObject(bucket: "bucket1", key: "blob")
            try await store.deleteObject(bucket: "bucket2", key: "copy")
            try await check("DeleteObject")
            try await store.deleteBucket("bucket2")
            try await check("DeleteBucket")
            #expect(try await store.bucketUsage() == [BucketUsage(bucket: "bucket1", objects: 0, bytes: 0)])
        }
    }

    /// The totals as a scan of the objects table computes them: what the running totals must always equal.
    static func scan(_ store: ObjectStore) async throws -> [BucketUsage] {
        try await store.database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT buckets.name AS bucket, COUNT(objects.key) AS objects,
                           COALESCE(SUM(objects.size), 0) AS bytes
                    FROM buckets LEFT JOIN objects ON objects.bucket = buckets.name
                    GROUP BY buckets.name ORDER BY buckets.name
                    """
            ).map { BucketUsage(bucket: $0["bucket"], objects: $0["objects"], bytes: $0["bytes"]) }
        }
    }

    /// The stats query reads the totals alone: no object row, whatever the store holds.
    @Test func theUsageQueryReadsNoObjectRow() async throws {
        try await StoreFixture.with { fixture in
            for index in 0..<20 { try await fixture.put("k\(index)", [UInt8(index)]) }
            let plan = try await fixture.store.database.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + MetadataDatabase.bucketUsageSQL)
                    .map { $0["detail"] as String }
            }
            #expect(plan.count == 1, "\(plan)")
            #expect(plan.allSatisfy { $0.hasPrefix("SCAN bucket_usage") }, "\(plan)")
            #expect(!plan.joined().contains("objects"))
            #expect(try await fixture.store.bucketUsage() == [BucketUsage(bucket: "bucket1", objects: 20, bytes: 20)])
        }
    }

    /// The v6 migration computes the totals of a database written before it.
    @Test func theMigrationComputesTotalsFromExistingRows() throws {
        let queue = try DatabaseQueue()
        try MetadataDatabase.migrator.migrate(queue, upTo: "v5-inline-blobs")
        try queue.write { db in
            for bucket in ["full", "none"] {
                try db.execute(
                    sql: "INSERT INTO buckets (name, created_at, region) VALUES (?, 0, 'us-east-1')",
                    arguments: [bucket])
            }
            for (index, size) in [7, 100, 1000].enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO objects (bucket, key, object_id, size, etag, last_modified, format_version,
                            segment_size, user_metadata, sse_algorithm, key_source, encrypted_data_key,
                            bucket_key_enabled)
                        VALUES ('full', ?, ?, ?, 'etag', 0, 1, 1024, '{}', 'AES256', 'sse-s3-wrapped', X'00', 0)
                        """,
                    arguments: ["k\(index)", Data(repeating: UInt8(index), count: 16), size])
            }
        }
        try MetadataDatabase.migrator.migrate(queue)
        let totals = try queue.read { db in
            try Row.fetchAll(db, sql: MetadataDatabase.bucketUsageSQL).map {
                BucketUsage(bucket: $0["bucket"], objects: $0["object_count"], bytes: $0["object_bytes"])
            }
        }
        #expect(
            totals == [
                BucketUsage(bucket: "full", objects: 3, bytes: 1107), BucketUsage(bucket: "none", objects: 0, bytes: 0),
            ])
    }
}
