import Foundation
public import NIOCore

extension ObjectStore {
    /// Stores an object from a streamed body, replacing any current object under the key atomically.
    ///
    /// Steps: resolve encryption against the bucket default, get a data key (SSE-KMS: one `generateDataKey`,
    /// or with a bucket key a derivation from the cached bucket key), stream the body through the
    /// hashes and the segment sealer into a temporary file, verify `Content-MD5` and the requested
    /// checksums, make the blob durable under its final name, then commit the metadata row (group
    /// commit) and only then return. On any failure the blob is removed and nothing is committed.
    /// The replaced object's blob is deleted after the commit.
    ///
    /// Throws ``ObjectStoreError`` kinds: `noSuchBucket`, `invalidKey`, `invalidArgument`,
    /// `invalidDigest`, `invalidRequest`, `badDigest`, `entityTooLarge`, the `kms*` kinds.
    public func putObject<Body: AsyncSequence>(
        _ request: PutObjectRequest,
        body: Body
    ) async throws -> PutObjectResult where Body.Element == ByteBuffer {
        try await inContext(bucket: request.bucket, key: request.key) {
            try await put(request, body: body)
        }
    }

    private func put<Body: AsyncSequence>(
        _ request: PutObjectRequest,
        body: Body
    ) async throws -> PutObjectResult where Body.Element == ByteBuffer {
        guard ObjectKey.isValid(request.key) else { throw ObjectStoreError.invalidKey(request.bucket, request.key) }
        let digests = try ExpectedDigests(request)
        if let length = request.contentLength, length > configuration.maximumObjectSize {
            throw ObjectStoreError.entityTooLarge(limit: configuration.maximumObjectSize)
        }
        let bucket = try await database.bucket(request.bucket)
        let encryption = try ResolvedEncryption.resolve(request.encryption, bucketDefault: bucket.encryption)
        let objectID = ObjectID.random()
        let (dataKey, storedKey) = try await keyring.newDataKey(
            encryption,
            bucket: request.bucket,
            key: request.key,
            objectID: objectID,
            requester: request.requester
        )
        let header = BlobHeader(segmentSize: configuration.segmentSize, objectID: objectID)
        var writer = BlobWriter(
            blobs: blobs,
            header: header,
            cipher: SegmentCipher(dataKey: dataKey, header: header),
            checksums: ChecksumAccumulator(computing: digests.algorithms)
        )
        do {
            for try await chunk in body {
                try await writer.append(chunk)
                guard writer.size <= configuration.maximumObjectSize else {
                    throw ObjectStoreError.entityTooLarge(limit: configuration.maximumObjectSize)
                }
            }
            let (md5, checksums) = try writer.finish()
            try await digests.verify(md5: md5, checksums: checksums)
            try await writer.publish()
            try await configuration.afterBlobPublished?(objectID)
            let row = ObjectRow(
                request,
                objectID: objectID,
                size: writer.size,
                md5: md5,
                checksums: checksums,
                storedKey: storedKey,
                segmentSize: header.segmentSize,
                now: configuration.clock()
            )
            if let replaced = try await committer.commit(row) {
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

extension BucketRow {
    /// The bucket's default encryption; the AES256 default when never configured.
    var encryption: BucketEncryption {
        guard let algorithm = sseAlgorithm.flatMap(SSEAlgorithm.init(rawValue:)) else { return .default }
        return BucketEncryption(
            algorithm: algorithm, kmsMasterKeyId: sseKmsKeyId, bucketKeyEnabled: sseBucketKeyEnabled)
    }
}
