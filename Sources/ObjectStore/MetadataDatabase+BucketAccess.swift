import GRDB

/// Bucket policies and Block Public Access settings: the `bucket_access` table, read through a ``BucketCache``.
extension MetadataDatabase {
    /// The bucket's access settings, from the cache when it holds them; `noSuchBucket`.
    func bucketAccess(_ name: String) async throws -> BucketAccess {
        if let cached = accessCache.value(name) { return cached }
        let generation = accessCache.generation
        let access = try await pool.read { db in try Self.bucketAccess(db, name: name) }
        guard let access else { throw ObjectStoreError.noSuchBucket(name) }
        accessCache.store(access, for: name, readAt: generation)
        return access
    }

    /// Sets (or with nil, deletes) the bucket's policy; `noSuchBucket`.
    func setBucketPolicy(_ name: String, _ policy: String?) async throws {
        try await writeAccess(name) { access in access.policy = policy }
    }

    /// Sets (or with nil, deletes) the bucket's Block Public Access settings; `noSuchBucket`.
    func setPublicAccessBlock(_ name: String, _ block: PublicAccessBlock?) async throws {
        try await writeAccess(name) { access in access.publicAccessBlock = block }
    }

    /// Inserts a new bucket with its first Block Public Access settings, in one transaction.
    func createBucket(_ row: BucketRow, publicAccessBlock: PublicAccessBlock?) async throws {
        defer { accessCache.invalidate(row.name) }
        try await write { db in
            guard try BucketRow.fetchOne(db, key: row.name) == nil else {
                throw ObjectStoreError.bucketAlreadyOwnedByYou(row.name)
            }
            try row.insert(db)
            if let publicAccessBlock { try Self.save(BucketAccess(publicAccessBlock: publicAccessBlock), db, row.name) }
        }
    }

    /// Reads, changes and saves the bucket's access row in one transaction, then drops the cached copy.
    private func writeAccess(_ name: String, _ change: @escaping @Sendable (inout BucketAccess) -> Void) async throws {
        defer { accessCache.invalidate(name) }
        try await write { db in
            guard var access = try Self.bucketAccess(db, name: name) else { throw ObjectStoreError.noSuchBucket(name) }
            change(&access)
            try Self.save(access, db, name)
        }
    }

    /// The bucket's access settings, or nil when the bucket does not exist.
    private static func bucketAccess(_ db: Database, name: String) throws -> BucketAccess? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT buckets.name, bucket_access.policy, bucket_access.public_access_block
                FROM buckets LEFT JOIN bucket_access ON bucket_access.bucket = buckets.name WHERE buckets.name = ?
                """)
        guard let row = try Row.fetchOne(statement, arguments: [name]) else { return nil }
        let bits: Int64? = row[2]
        return BucketAccess(policy: row[1], publicAccessBlock: bits.map(PublicAccessBlock.init(bits:)))
    }

    private static func save(_ access: BucketAccess, _ db: Database, _ name: String) throws {
        guard access != .unset else {
            try db.execute(sql: "DELETE FROM bucket_access WHERE bucket = ?", arguments: [name])
            return
        }
        try db.execute(
            sql: """
                INSERT INTO bucket_access (bucket, policy, public_access_block) VALUES (?, ?, ?)
                ON CONFLICT (bucket) DO UPDATE SET policy = excluded.policy,
                    public_access_block = excluded.public_access_block
                """, arguments: [name, access.policy, access.publicAccessBlock?.bits])
    }
}
