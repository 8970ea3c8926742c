extension ObjectStore {
    /// ListParts: the upload's parts after `partNumberMarker`, at most `maxParts` (capped at 1,000).
    ///
    /// Throws `noSuchBucket`, `noSuchUpload`, or `invalidArgument` for a negative limit or marker.
    public func listParts(_ upload: UploadAddress, maxParts: Int = 1000, partNumberMarker: Int = 0) async throws
        -> ListPartsResult
    {
        try await inContext(bucket: upload.bucket, key: upload.key) {
            guard maxParts >= 0 else {
                throw ObjectStoreError.invalidArgument("max-parts must be non-negative", name: "max-parts")
            }
            guard partNumberMarker >= 0 else {
                throw ObjectStoreError.invalidArgument(
                    "part-number-marker must be non-negative", name: "part-number-marker")
            }
            let limit = min(maxParts, 1000)
            let (row, parts) = try await metadata.uploadWithParts(
                upload.uploadId, bucket: upload.bucket, key: upload.key, after: partNumberMarker, limit: limit + 1)
            let page = Array(parts.prefix(limit))
            let truncated = parts.count > limit
            return ListPartsResult(
                upload: row.info, parts: page.map(\.info), isTruncated: truncated,
                nextPartNumberMarker: truncated ? page.last?.partNumber : nil)
        }
    }

    /// ListMultipartUploads: uploads in progress by key, then initiation time, with prefix, delimiter and markers.
    ///
    /// Throws `noSuchBucket`, or `invalidArgument` for a negative limit.
    public func listMultipartUploads(bucket: String, _ request: ListUploadsRequest) async throws -> ListUploadsResult {
        try await inContext(bucket: bucket) {
            guard request.maxUploads >= 0 else {
                throw ObjectStoreError.invalidArgument("max-uploads must be non-negative", name: "max-uploads")
            }
            return try await metadata.listUploads(bucket: bucket, request)
        }
    }
}
