import Foundation
public import NIOCore

extension ObjectStore {
    /// Stores an object from a streamed body, replacing any current object under the key atomically.
    ///
    /// Steps: resolve encryption against the bucket default, get a data key (SSE-KMS: one `generateDataKey`,
    /// or with a bucket key a derivation from the cached bucket key), stream the body through the
    /// hashes and the segment sealer into a temporary file, verify `Content-MD5` and the requested
    /// checksums, make the blob durable under its final name (or, for a small object, keep the sealed blob for the
    /// row), then commit the metadata row (group commit) and only then return. On any failure the blob is removed and nothing is committed.
    /// The replaced object's blob is deleted after the commit.
    ///
    /// Write conditions (`If-None-Match: *`, `If-Match`) are checked before the body is read and again in the
    /// commit's transaction.
    ///
    /// Throws ``ObjectStoreError`` kinds: `noSuchBucket`, `invalidKey`, `invalidArgument`,
    /// `invalidDigest`, `invalidRequest`, `badDigest`, `entityTooLarge`, `preconditionFailed`, `noSuchKey`
    /// (`If-Match` without an object), the `kms*` kinds.
    public func putObject<Body: AsyncSequence>(
        _ request: PutObjectRequest,
        body: Body
    ) async throws -> PutObjectResult where Body.Element == ByteBuffer {
        try await inContext(bucket: request.bucket, key: request.key) {
            try await put(request, body: body)
        }
    }

    /// The PUT itself, shared by PutObject and CopyObject (whose body is the decrypted source).
    func put<Body: AsyncSequence>(
        _ request: PutObjectRequest,
        body: Body
    ) async throws -> PutObjectResult where Body.Element == ByteBuffer {
        try ObjectKey.validate(request.key, bucket: request.bucket)
        let digests = try ExpectedDigests(request)
        if let length = request.contentLength, length > configuration.maximumObjectSize {
            throw ObjectStoreError.entityTooLarge(limit: configuration.maximumObjectSize)
        }
        let bucket = try await metadata.bucket(request.bucket)
        try await checkEarly(request.writeConditions, bucket: request.bucket, key: request.key)
        let encryption = try ResolvedEncryption.resolve(request.encryption, bucketDefault: bucket.encryption)
        let objectID = ObjectID.random()
        let (dataKey, storedKey) = try await keyring.newDataKey(
            encryption,
            bucket: request.bucket,
            key: request.key,
            objectID: objectID,
            requester: request.requester
        )
        do {
            let blob = try await writeBlob(
                objectID, dataKey: dataKey, body: body, digests: digests, inlineLimit: configuration.inlineThreshold)
            if blob.inline == nil { try await configuration.afterBlobPublished?(objectID) }
            let row = ObjectRow(
                request,
                objectID: objectID,
                size: blob.size,
                md5: blob.md5,
                checksums: blob.checksums,
                storedKey: storedKey,
                segmentSize: blob.segmentSize,
                inlineBlob: blob.inline,
                now: configuration.clock()
            )
            for replaced in try await committer.commit(row, conditions: request.writeConditions) {
                await blobs.remove(replaced)
            }
            let info = ObjectInfo(row)
            return PutObjectResult(
                etag: info.etag,
                size: info.size,
                lastModified: info.lastModified,
                checksums: info.checksums,
                encryption: info.encryption
            )
        } catch {
            await blobs.discard(objectID)
            throw error
        }
    }
}

extension ObjectStore {
    /// Checks write conditions against the current object before any work; the commit checks them again.
    private func checkEarly(_ conditions: WriteConditions, bucket: String, key: String) async throws {
        guard !conditions.isEmpty else { return }
        var etag: String?
        do {
            etag = ObjectInfo(try await metadata.object(bucket: bucket, key: key)).etag
        } catch let error as ObjectStoreError where error.kind == .noSuchKey {
            etag = nil
        }
        try conditions.check(currentETag: etag, bucket: bucket, key: key)
    }
}

extension BucketRow {
    /// The bucket's default encryption; the AES256 default when never configured.
    var encryption: BucketEncryption {
        guard let algorithm = sseAlgorithm.flatMap(SSEAlgorithm.init(rawValue:)) else { return .default }
        return BucketEncryption(
            algorithm: algorithm, kmsMasterKeyId: sseKmsKeyId, bucketKeyEnabled: sseBucketKeyEnabled)
    }
}
