extension ObjectStore {
    /// Deletes an object. Idempotent: a missing key is not an error; a missing bucket is `noSuchBucket`.
    ///
    /// The row is deleted in one transaction, then the blob; a crash in between leaves an orphan blob
    /// for the start-up sweep, never a row without its blob.
    public func deleteObject(bucket: String, key: String) async throws {
        _ = try await deleteObjects(bucket: bucket, keys: [key])
    }

    /// Deletes several objects in one transaction (DeleteObjects). Returns, for each key in order,
    /// whether an object was deleted; missing keys count as deleted by S3 and are not errors.
    @discardableResult
    public func deleteObjects(bucket: String, keys: [String]) async throws -> [Bool] {
        try await inContext(bucket: bucket) {
            let deleted = try await metadata.deleteObjects(bucket: bucket, keys: keys)
            for id in deleted.compactMap(\.self).joined() {
                await blobs.remove(id)
            }
            return deleted.map { $0 != nil }
        }
    }
}
