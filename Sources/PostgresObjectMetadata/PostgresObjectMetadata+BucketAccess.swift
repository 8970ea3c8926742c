package import ObjectStore
import PostgresNIO

/// Bucket policies and Block Public Access settings in `coffer_objects.bucket_access`.
///
/// Read through this node's cache, which the change log keeps coherent (`PostgresObjectMetadata+BucketCache.swift`).
extension PostgresObjectMetadata {
    package func bucketAccess(_ name: String) async throws -> BucketAccess {
        try await cached(bucketAccessRows, name) { try await readBucketAccess(name) }
    }

    private func readBucketAccess(_ name: String) async throws -> BucketAccess {
        let found = try await connection { connection in
            let rows = try await connection.query(
                """
                SELECT bucket_access.policy, bucket_access.public_access_block FROM coffer_objects.buckets
                LEFT JOIN coffer_objects.bucket_access ON bucket_access.bucket = buckets.name
                WHERE buckets.name = \(name)
                """, logger: self.logger)
            var access: BucketAccess?
            for try await (policy, bits) in rows.decode((String?, Int64?).self) {
                access = BucketAccess(policy: policy, publicAccessBlock: bits.map(PublicAccessBlock.init(bits:)))
            }
            return access
        }
        guard let found else { throw ObjectStoreError.noSuchBucket(name) }
        return found
    }

    package func setBucketPolicy(_ name: String, _ policy: String?) async throws {
        try await upsertAccess(name, column: "policy", policy.map(ColumnValue.text) ?? .null)
    }

    package func setPublicAccessBlock(_ name: String, _ block: PublicAccessBlock?) async throws {
        try await upsertAccess(name, column: "public_access_block", block.map { .integer($0.bits) } ?? .null)
    }

    /// Sets one column of the bucket's access row (creating the row), under a share lock on the bucket row.
    private func upsertAccess(_ name: String, column: String, _ value: ColumnValue) async throws {
        let upsert = PostgresQuery(
            unsafeSQL: """
                INSERT INTO coffer_objects.bucket_access (bucket, \(column)) VALUES ($1, $2)
                ON CONFLICT (bucket) DO UPDATE SET \(column) = excluded.\(column)
                """, binds: PostgresColumns.bindings([.text(name), value]))
        defer { forgetBucket(name) }
        try await transaction { connection in
            guard try await Self.bucketRow(connection, name, self.logger, lock: "FOR SHARE") != nil else {
                throw ObjectStoreError.noSuchBucket(name)
            }
            try await connection.query(upsert, logger: self.logger)
            try await Self.publishBucketChange(name, on: connection, self.logger)
        }
    }
}
