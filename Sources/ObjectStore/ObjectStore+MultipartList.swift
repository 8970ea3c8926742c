import GRDB

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
            let (row, parts) = try await database.pool.read { db in
                let row = try MetadataDatabase.upload(db, upload.uploadId, bucket: upload.bucket, key: upload.key)
                return (
                    row,
                    try MetadataDatabase.uploadParts(db, upload.uploadId, after: partNumberMarker, limit: limit + 1)
                )
            }
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
            return try await database.pool.read { db in
                guard try BucketRow.exists(db, key: bucket) else { throw ObjectStoreError.noSuchBucket(bucket) }
                var listing = UploadListing(request: request, bucket: bucket)
                try listing.run(db)
                return listing.result
            }
        }
    }
}

/// The walk of one ListMultipartUploads page; common prefixes are skipped with one seek, as in ``Listing``.
struct UploadListing {
    let request: ListUploadsRequest
    let bucket: String
    private var after: (key: String, initiated: Int64, uploadId: String)?
    private var keyFloor: (key: String, inclusive: Bool)?
    private var uploads: [MultipartUploadInfo] = []
    private var prefixes: [String] = []
    private var isTruncated = false

    init(request: ListUploadsRequest, bucket: String) {
        self.request = request
        self.bucket = bucket
    }

    private var limit: Int { min(request.maxUploads, 1000) }
    private var count: Int { uploads.count + prefixes.count }

    mutating func run(_ db: Database) throws {
        try position(db)
        while count < limit {
            let rows = try page(db, limit: 256)
            guard !rows.isEmpty else { return }
            for row in rows where count < limit {
                if take(row) { break }
            }
        }
        isTruncated = try limit > 0 && !page(db, limit: 1).isEmpty
    }

    var result: ListUploadsResult {
        let lastUpload = uploads.last
        let lastPrefix = prefixes.last
        let nextKey = [lastUpload?.key, lastPrefix].compactMap { $0 }.max { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return ListUploadsResult(
            uploads: uploads, commonPrefixes: prefixes, isTruncated: isTruncated,
            nextKeyMarker: isTruncated ? nextKey : nil,
            nextUploadIdMarker: isTruncated && nextKey == lastUpload?.key ? lastUpload?.uploadId : nil)
    }

    /// Starts after the markers: `key-marker` alone skips the key; with `upload-id-marker`, that key's later uploads.
    private mutating func position(_ db: Database) throws {
        guard let marker = request.keyMarker, !marker.isEmpty else { return }
        if let uploadId = request.uploadIdMarker, !uploadId.isEmpty,
            let initiated = try Int64.fetchOne(
                db, sql: "SELECT initiated FROM uploads WHERE upload_id = ? AND bucket = ? AND key = ?",
                arguments: [uploadId, bucket, marker])
        {
            after = (marker, initiated, uploadId)
        } else {
            keyFloor = (marker, false)
        }
    }

    private func page(_ db: Database, limit: Int) throws -> [UploadRow] {
        var sql = "SELECT * FROM uploads WHERE bucket = ?"
        var arguments: StatementArguments = [bucket]
        if !request.prefix.isEmpty {
            sql += " AND key >= ?"
            arguments += [request.prefix]
            if let end = KeyOrder.upperBound(ofPrefix: request.prefix) {
                sql += " AND key < ?"
                arguments += [end]
            }
        }
        if let after {
            sql += " AND (key, initiated, upload_id) > (?, ?, ?)"
            arguments += [after.key, after.initiated, after.uploadId]
        }
        if let keyFloor {
            sql += keyFloor.inclusive ? " AND key >= ?" : " AND key > ?"
            arguments += [keyFloor.key]
        }
        sql += " ORDER BY key, initiated, upload_id LIMIT ?"
        arguments += [limit]
        return try UploadRow.fetchAll(db, sql: sql, arguments: arguments)
    }

    /// Adds an upload or its common prefix and moves past it; returns true when the cursor jumped (new page needed).
    private mutating func take(_ row: UploadRow) -> Bool {
        if let delimiter = request.delimiter,
            let common = KeyOrder.commonPrefix(of: row.key, prefix: request.prefix, delimiter: delimiter)
        {
            prefixes.append(common)
            after = nil
            keyFloor = KeyOrder.upperBound(ofPrefix: common).map { ($0, true) } ?? (row.key, false)
            return true
        }
        uploads.append(row.info)
        after = (row.key, row.initiated, row.uploadId)
        return false
    }
}
