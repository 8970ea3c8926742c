import Foundation
import GRDB

extension MetadataDatabase {
    /// Persists a new bucket key; fails with `noSuchBucket` if the bucket is gone.
    ///
    /// Runs before any object names the key: the objects trigger refuses a row whose bucket key is not here.
    func insertBucketKey(_ row: BucketKeyRow) async throws {
        try await write { db in
            guard try BucketRow.exists(db, key: row.bucket) else { throw ObjectStoreError.noSuchBucket(row.bucket) }
            try row.insert(db)
        }
    }

    /// The persisted bucket key with `id`, or `nil`.
    func bucketKey(id: [UInt8]) async throws -> BucketKeyRow? {
        try await pool.read { db in try BucketKeyRow.fetchOne(db, key: Data(id)) }
    }
}
