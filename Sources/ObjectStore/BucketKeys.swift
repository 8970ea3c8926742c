import Crypto
import Foundation

/// S3 Bucket Keys: obtains, persists and caches the bucket keys that object data keys derive from
/// (docs/bucket-keys.md).
///
/// Two caches, both single-flight and bounded by time, uses and entries:
/// - `writing`, per ``BucketKeyScope``: a miss is one `generateDataKey` with the bucket-ARN context, whose
///   ciphertext is persisted in `bucket_keys` before any object uses it;
/// - `reading`, per ``BucketKeyReader``: a miss is one `decryptDataKey` of the persisted ciphertext on the
///   reader's behalf. A PUT that generates a bucket key seeds this cache for its own requester, so that
///   requester's GETs within the TTL make no key service call.
struct BucketKeys: Sendable {
    let writing: BucketKeyCache<BucketKeyScope>
    let reading: BucketKeyCache<BucketKeyReader>
    let provider: any DataKeyProvider
    let metadata: any ObjectMetadataStore
    let now: @Sendable () -> Date
    private let sweeper: Task<Void, Never>

    init(provider: any DataKeyProvider, metadata: any ObjectMetadataStore, configuration: ObjectStoreConfiguration) {
        let limits = BucketKeyCacheLimits(
            ttl: configuration.bucketKeyTTL,
            maxUses: configuration.bucketKeyMaxUses,
            capacity: configuration.bucketKeyCacheCapacity
        )
        let writing = BucketKeyCache<BucketKeyScope>(limits: limits, clock: configuration.bucketKeyClock)
        let reading = BucketKeyCache<BucketKeyReader>(limits: limits, clock: configuration.bucketKeyClock)
        self.writing = writing
        self.reading = reading
        self.provider = provider
        self.metadata = metadata
        self.now = configuration.clock
        // Drops expired keys while no request touches the caches; holds them weakly, so it ends with them.
        self.sweeper = Task { [weak writing, weak reading] in
            while !Task.isCancelled {
                try? await Task.sleep(for: limits.sweepInterval)
                guard let writing, let reading else { return }
                await writing.sweepExpired()
                await reading.sweepExpired()
            }
        }
    }

    /// Checks the configuration's bucket-key limits.
    static func validate(_ configuration: ObjectStoreConfiguration) throws {
        guard configuration.bucketKeyTTL > .zero, configuration.bucketKeyMaxUses >= 1,
            configuration.bucketKeyCacheCapacity >= 1
        else {
            throw ObjectStoreError.internalError("Bucket key TTL, maximum uses and cache capacity must be positive")
        }
    }

    /// The bucket key new objects in `scope` derive from: cached, or one `generateDataKey` shared by all
    /// concurrent first PUTs of the scope.
    ///
    /// - Parameter context: The full context: `aws:s3:arn` = the bucket ARN plus `scope.userContext`.
    func keyForWriting(_ scope: BucketKeyScope, context: [String: String]) async throws -> BucketKey {
        try await writing.key(for: scope) { [self] in
            try await generate(scope, context: context)
        }
    }

    /// The bucket key with `id` for `requester`: cached, or one `decryptDataKey` on the requester's behalf.
    func keyForReading(id: [UInt8], bucket: String, requester: DataKeyRequester) async throws -> BucketKey {
        try await reading.key(for: BucketKeyReader(bucketKeyId: id, requester: requester)) { [self] in
            try await decrypt(id: id, bucket: bucket, requester: requester)
        }
    }

    /// Forgets the bucket's keys for writing (the bucket was deleted, and its `bucket_keys` rows with it).
    func forgetBucket(_ bucket: String) async {
        await writing.removeAll { $0.bucket == bucket }
    }

    /// A snapshot of both caches' counters.
    var stats: BucketKeyCacheStats {
        BucketKeyCacheStats(writes: writing.counters.snapshot, reads: reading.counters.snapshot)
    }

    /// Stops the sweeper and drops every cached key.
    func shutdown() async {
        sweeper.cancel()
        await writing.removeAll()
        await reading.removeAll()
    }

    private func generate(_ scope: BucketKeyScope, context: [String: String]) async throws -> BucketKey {
        let generated = try await withProviderErrors {
            try await provider.generateDataKey(
                keyId: scope.keyReference, encryptionContext: context, requester: scope.requester)
        }
        guard generated.plaintext.bitCount == KeyBytes.count * 8 else {
            throw ObjectStoreError(DataKeyProviderError(.other, message: "Key service returned a wrong-size key"))
        }
        let key = BucketKey(
            id: BucketKey.randomBytes(BucketKey.idSize),
            bucket: scope.bucket,
            kmsKeyArn: generated.keyArn,
            encryptionContext: context,
            material: KeyBytes(copying: generated.plaintext)
        )
        try await metadata.insertBucketKey(
            BucketKeyRow(key, ciphertext: generated.ciphertext, requester: scope.requester, now: now()))
        await reading.seed(key, for: BucketKeyReader(bucketKeyId: key.id, requester: scope.requester))
        return key
    }

    private func decrypt(id: [UInt8], bucket: String, requester: DataKeyRequester) async throws -> BucketKey {
        guard let row = try await metadata.bucketKey(id: id), row.bucket == bucket else {
            throw ObjectStoreError.corruptObject("the object's bucket key is missing")
        }
        let plaintext = try await withProviderErrors {
            try await provider.decryptDataKey(
                ciphertext: Array(row.encryptedKey),
                keyArn: row.kmsKeyArn,
                encryptionContext: row.encryptionContext,
                requester: requester
            )
        }
        guard plaintext.bitCount == KeyBytes.count * 8 else {
            throw ObjectStoreError.corruptObject("the bucket key has the wrong size")
        }
        return BucketKey(
            id: id,
            bucket: bucket,
            kmsKeyArn: row.kmsKeyArn,
            encryptionContext: row.encryptionContext,
            material: KeyBytes(copying: plaintext)
        )
    }
}
