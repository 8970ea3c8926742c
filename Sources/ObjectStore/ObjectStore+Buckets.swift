extension ObjectStore {
    /// Creates a bucket in the store's region, with all four Block Public Access settings on (as AWS does).
    ///
    /// Throws `invalidBucketName` for names that break the S3 rules and `bucketAlreadyOwnedByYou` if it
    /// exists (the wire layer may answer 200 for the us-east-1 legacy behaviour).
    @discardableResult
    public func createBucket(_ name: String) async throws -> BucketInfo {
        guard BucketName.isValid(name) else { throw ObjectStoreError.invalidBucketName(name) }
        let row = BucketRow(
            name: name,
            createdAt: configuration.clock().millisecondsSince1970,
            region: configuration.region,
            sseAlgorithm: nil,
            sseKmsKeyId: nil,
            sseBucketKeyEnabled: false
        )
        try await metadata.createBucket(row, publicAccessBlock: .allBlocked)
        return BucketInfo(row)
    }

    /// Returns a bucket, or throws `noSuchBucket`.
    public func headBucket(_ name: String) async throws -> BucketInfo {
        BucketInfo(try await metadata.bucket(name))
    }

    /// The bucket's region (GetBucketLocation), or `noSuchBucket`.
    public func bucketRegion(_ name: String) async throws -> String {
        try await metadata.bucket(name).region
    }

    /// Deletes an empty bucket; throws `noSuchBucket` or `bucketNotEmpty`.
    public func deleteBucket(_ name: String) async throws {
        for id in try await metadata.deleteBucket(name) { await blobs.remove(id) }
        await keyring.bucketKeys.forgetBucket(name)
    }

    /// All buckets, ordered by name.
    public func listBuckets() async throws -> [BucketInfo] {
        try await metadata.buckets().map(BucketInfo.init)
    }

    /// Sets a bucket's default encryption (PutBucketEncryption). Existing objects are not re-encrypted.
    ///
    /// A `kmsMasterKeyId` with `AES256` throws `invalidArgument`. The key is not checked here; an
    /// unusable key fails the first PUT that uses it, as on AWS.
    public func putBucketEncryption(_ name: String, _ encryption: BucketEncryption) async throws {
        if encryption.algorithm == .aes256, encryption.kmsMasterKeyId != nil {
            throw ObjectStoreError.invalidArgument(
                "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
                name: "ApplyServerSideEncryptionByDefault"
            )
            .at(bucket: name)
        }
        try await metadata.setBucketEncryption(name, encryption)
    }

    /// A bucket's default encryption; a bucket never configured reports the AES256 default.
    public func bucketEncryption(_ name: String) async throws -> BucketEncryption {
        try await metadata.bucket(name).encryption
    }

    /// Resets a bucket's default encryption to the AES256 default. Idempotent.
    public func deleteBucketEncryption(_ name: String) async throws {
        try await metadata.setBucketEncryption(name, nil)
    }
}
