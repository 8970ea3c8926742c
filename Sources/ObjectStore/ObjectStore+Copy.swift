extension ObjectStore {
    /// The largest source a CopyObject copies in one request: 5 GiB, as on AWS.
    public static let maximumCopySourceSize: Int64 = 5 << 30

    /// Copies an object, streaming: the source is decrypted segment by segment (its data key recovered on the
    /// requester's behalf, as a GET does) and piped into the PUT path, which draws a new data key for the
    /// destination's encryption and seals, hashes, publishes and commits as ``putObject(_:body:)`` does. The
    /// object is never held in memory. A copy onto the source key replaces it only after the whole copy is written.
    ///
    /// Checksums are recomputed while streaming: the source's algorithms (or the requested one), so an unchanged
    /// algorithm yields the source's value; the ETag is the MD5 of the bytes, the source's for a single-part source.
    ///
    /// Throws ``ObjectStoreError`` kinds: `invalidRequest` (a copy onto itself that changes nothing, a source over
    /// 5 GiB), the source's `noSuchBucket`, `noSuchKey` and `preconditionFailed`, and everything
    /// ``putObject(_:body:)`` throws for the destination.
    public func copyObject(_ request: CopyObjectRequest) async throws -> PutObjectResult {
        try await inContext(bucket: request.bucket, key: request.key) {
            try request.checkChangesSomething()
            let source = try await openCopySource(request.source, requester: request.requester)
            guard source.info.size <= Self.maximumCopySourceSize else {
                throw ObjectStoreError.invalidRequest(
                    "The specified copy source is larger than the maximum allowable size for a copy source: "
                        + "\(Self.maximumCopySourceSize)")
            }
            return try await put(request.destinationRequest(source: source.info), body: source.body)
        }
    }

    /// Opens the source of a copy (CopyObject, UploadPartCopy) for streaming: evaluates its `x-amz-copy-source-if-*`
    /// conditions (412 for every failure) before any KMS call, recovers its data key on `requester`'s behalf, and
    /// returns a body that decrypts only the segments covering ``CopySourceRequest/range``.
    ///
    /// ``GetObjectResult/contentRange`` is the resolved range when one was given. Throws `noSuchBucket`,
    /// `noSuchKey`, `preconditionFailed`, `invalidArgument` for a range outside the source, the `kms*` kinds and
    /// `corruptObject`, each naming the source bucket and key.
    public func openCopySource(_ source: CopySourceRequest, requester: DataKeyRequester) async throws
        -> GetObjectResult
    {
        var conditions = source.conditions
        conditions.role = .copySource
        let request = GetObjectRequest(
            bucket: source.bucket, key: source.key,
            range: source.range.map { ByteRangeRequest.bounded(first: $0.first, last: $0.last) },
            conditions: conditions, requester: requester)
        return try await inContext(bucket: source.bucket, key: source.key) {
            do {
                let result = try await getObject(request)
                _ = try source.range?.resolve(size: result.info.size)
                return result
            } catch let error as ObjectStoreError where error.kind == .invalidRange {
                // A GET range starting past the end: report it as the copy range it came from.
                _ = try source.range?.resolve(size: error.details.objectSize ?? 0)
                throw error
            }
        }
    }
}
