extension ObjectStore {
    /// CompleteMultipartUpload: validates the part list and, in one metadata transaction, makes the upload the
    /// key's object (replacing the current one) and deletes the upload; then removes the replaced object's blobs
    /// and the blobs of parts the list left out. The parts are not re-read, but an SSE-KMS upload's data key is
    /// decrypted on the requester's behalf first (through the bucket-key cache for a Bucket Key), so completing
    /// needs `kms:Decrypt` as on AWS.
    ///
    /// A crash at any point leaves either the whole new object or none of it (and the upload intact).
    ///
    /// Throws ``ObjectStoreError`` kinds: `noSuchBucket`, `noSuchUpload`, `malformedXML`, `invalidPart`,
    /// `invalidPartOrder`, `entityTooSmall`, `invalidArgument`, `preconditionFailed`, `noSuchKey` (If-Match on a
    /// missing key), the `kms*` kinds.
    ///
    /// A repeated CompleteMultipartUpload of an upload that completed answers as the first did (S3 answers a retry with
    /// 200 and the same ETag while the object is the upload's): the completed object's id is its upload's identity,
    /// whose hex is the upload id.
    public func completeMultipartUpload(
        _ request: CompleteMultipartUploadRequest
    ) async throws -> CompleteMultipartUploadResult {
        do {
            return try await complete(request)
        } catch let error as ObjectStoreError where error.kind == .noSuchUpload {
            guard let completed = try await completedEarlier(request.upload) else { throw error }
            return completed
        }
    }

    private func complete(_ request: CompleteMultipartUploadRequest) async throws -> CompleteMultipartUploadResult {
        try await inContext(bucket: request.upload.bucket, key: request.upload.key) {
            try await requireDecrypt(request)
            let fault = configuration.completeFault
            let completion = try await metadata.completeUpload(
                request, minimumPartSize: configuration.minimumPartSize, now: configuration.clock(), fault: fault)
            try fault?(.committed)
            for id in completion.unreferenced { await blobs.remove(id) }
            let info = ObjectInfo(completion.row)
            return CompleteMultipartUploadResult(
                etag: info.etag, size: info.size, checksums: info.checksums,
                checksumType: completion.row.checksumType.flatMap(MultipartChecksum.Kind.init(rawValue:)),
                encryption: info.encryption)
        }
    }

    /// The result of `upload`'s completion when the key's current object is the one it made; nil otherwise.
    private func completedEarlier(_ upload: UploadAddress) async throws -> CompleteMultipartUploadResult? {
        let row: ObjectRow
        do {
            row = try await metadata.object(bucket: upload.bucket, key: upload.key)
        } catch let error as ObjectStoreError where error.kind == .noSuchKey {
            return nil
        }
        guard row.partsCount != nil, ObjectID(bytes: row.objectId)?.hex == upload.uploadId else { return nil }
        let info = ObjectInfo(row)
        return CompleteMultipartUploadResult(
            etag: info.etag, size: info.size, checksums: info.checksums,
            checksumType: row.checksumType.flatMap(MultipartChecksum.Kind.init(rawValue:)), encryption: info.encryption)
    }

    /// Recovers (and drops) an SSE-KMS upload's data key as the requester: the permission check AWS makes at
    /// Complete. SSE-S3 uploads need none.
    private func requireDecrypt(_ request: CompleteMultipartUploadRequest) async throws {
        let address = request.upload
        let upload = try await metadata.upload(address.uploadId, bucket: address.bucket, key: address.key)
        guard upload.encryptionInfo.algorithm == .awsKMS else { return }
        _ = try await keyring.dataKey(for: upload, objectID: try upload.objectID, requester: request.requester)
    }
}
