extension ObjectStore {
    /// UploadPartCopy: streams the source object's range (decrypted segment by segment through the GET path,
    /// ``openCopySource(_:requester:)``) into a new part blob of the upload (the UploadPart path). Nothing is held
    /// in memory beyond one read batch and one write batch.
    ///
    /// The source is opened (its conditions, KMS Decrypt and range checked) only after the upload was found, so a
    /// wrong upload id costs no key service call. Throws what ``uploadPart(_:body:)`` and
    /// ``openCopySource(_:requester:)`` throw.
    public func uploadPartCopy(
        _ upload: UploadAddress, partNumber: Int, source: CopySourceRequest, requester: DataKeyRequester
    ) async throws -> UploadPartResult {
        guard (1...CompletionPlan.maximumParts).contains(partNumber) else {
            throw ObjectStoreError.invalidPartNumber(partNumber)
        }
        let row = try await inContext(bucket: upload.bucket, key: upload.key) {
            try await metadata.upload(upload.uploadId, bucket: upload.bucket, key: upload.key)
        }
        let opened = try await openCopySource(source, requester: requester)
        return try await inContext(bucket: upload.bucket, key: upload.key) {
            let uploadKey = try await keyring.dataKey(for: row, objectID: try row.objectID, requester: requester)
            let digests = try ExpectedDigests(contentMD5: nil, checksums: []).computing(row.checksum?.algorithm)
            let part = try await storePart(
                partNumber, of: row, uploadKey: uploadKey, body: opened.body, digests: digests)
            return UploadPartResult(part: part, encryption: row.encryptionInfo, copySourceInfo: opened.info)
        }
    }
}
