import Crypto

extension ObjectKeyring {
    /// A new object's data key derived from the bucket key of (bucket, KMS key, requester, user context),
    /// with a fresh 32-byte salt; the row stores the bucket key id and the salt, never a key.
    func bucketKeyDerivedDataKey(
        keyId: String?,
        userContext: [String: String]?,
        bucket: String,
        objectID: ObjectID,
        requester: DataKeyRequester
    ) async throws -> (SymmetricKey, StoredKey) {
        let context = try ResolvedEncryption.bucketKeyContext(bucket: bucket, userContext: userContext)
        let scope = BucketKeyScope(
            bucket: bucket, keyReference: keyId, requester: requester, userContext: userContext ?? [:])
        let bucketKey = try await bucketKeys.keyForWriting(scope, context: context)
        let salt = BucketKey.randomBytes(BucketKey.saltSize)
        EnvelopeTrace.record(.dataKey(.newDerived(bucketKeyId: bucketKey.id)))
        let stored = StoredKey(
            source: .bucketKeyDerived,
            encryptedDataKey: nil,
            kmsKeyArn: bucketKey.kmsKeyArn,
            encryptionContext: bucketKey.encryptionContext,
            userContext: userContext,
            bucketKeyEnabled: true,
            bucketKeyId: bucketKey.id,
            keySalt: salt
        )
        return (bucketKey.objectDataKey(salt: salt, objectID: objectID), stored)
    }

    /// Recovers the data key of an object derived from a bucket key: the bucket key comes from the reading
    /// cache or from one `decryptDataKey` on the requester's behalf.
    func bucketKeyDerivedDataKey(
        for row: some StoredKeyColumns,
        objectID: ObjectID,
        requester: DataKeyRequester
    ) async throws -> SymmetricKey {
        guard let id = row.bucketKeyId, id.count == BucketKey.idSize,
            let salt = row.keySalt, salt.count == BucketKey.saltSize
        else {
            throw ObjectStoreError.corruptObject("bucket-key row lacks its bucket key id or salt")
        }
        let bucketKey = try await bucketKeys.keyForReading(id: Array(id), bucket: row.bucket, requester: requester)
        EnvelopeTrace.record(.dataKey(.derived(bucketKeyId: bucketKey.id)))
        return bucketKey.objectDataKey(salt: Array(salt), objectID: objectID)
    }
}
