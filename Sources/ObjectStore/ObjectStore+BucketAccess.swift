extension ObjectStore {
    /// The bucket's policy and Block Public Access settings, read on every request naming the bucket;
    /// `noSuchBucket`.
    public func bucketAccess(_ name: String) async throws -> BucketAccess {
        try await metadata.bucketAccess(name)
    }

    /// Stores the bucket's policy text (PutBucketPolicy), which the caller has validated; `noSuchBucket`.
    public func putBucketPolicy(_ name: String, _ policy: String) async throws {
        try await metadata.setBucketPolicy(name, policy)
    }

    /// Deletes the bucket's policy (DeleteBucketPolicy); idempotent; `noSuchBucket`.
    public func deleteBucketPolicy(_ name: String) async throws {
        try await metadata.setBucketPolicy(name, nil)
    }

    /// Stores the bucket's Block Public Access settings (PutPublicAccessBlock); `noSuchBucket`.
    public func putPublicAccessBlock(_ name: String, _ block: PublicAccessBlock) async throws {
        try await metadata.setPublicAccessBlock(name, block)
    }

    /// Deletes the bucket's Block Public Access settings (DeletePublicAccessBlock); idempotent; `noSuchBucket`.
    public func deletePublicAccessBlock(_ name: String) async throws {
        try await metadata.setPublicAccessBlock(name, nil)
    }
}
