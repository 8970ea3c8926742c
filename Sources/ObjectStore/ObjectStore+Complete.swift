extension ObjectStore {
    /// CompleteMultipartUpload: validates the part list and, in one metadata transaction, makes the upload the
    /// key's object (replacing the current one) and deletes the upload; then removes the replaced object's blobs
    /// and the blobs of parts the list left out. No key service call: the parts are not re-read.
    ///
    /// A crash at any point leaves either the whole new object or none of it (and the upload intact).
    ///
    /// Throws ``ObjectStoreError`` kinds: `noSuchBucket`, `noSuchUpload`, `malformedXML`, `invalidPart`,
    /// `invalidPartOrder`, `entityTooSmall`, `invalidArgument`, `preconditionFailed`, `noSuchKey` (If-Match on a
    /// missing key).
    public func completeMultipartUpload(
        _ request: CompleteMultipartUploadRequest
    ) async throws -> CompleteMultipartUploadResult {
        try await inContext(bucket: request.upload.bucket, key: request.upload.key) {
            let fault = configuration.completeFault
            let completion = try await database.completeUpload(
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
}
