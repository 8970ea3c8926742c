/// The walk of one ListMultipartUploads page, as a state machine any metadata store drives (as ``Listing``): look
/// up the marker upload's initiation time if ``markerLookup`` names one and pass it to ``positioned(initiated:)``,
/// then run each ``nextPage()`` query and hand its rows to ``receive(_:)`` until ``nextPage()`` answers nil.
/// Common prefixes are skipped with one seek.
package struct UploadListing: Sendable {
    private enum Phase {
        case walking
        case probing
        case done
    }

    let request: ListUploadsRequest
    let bucket: String
    private var after: UploadPageQuery.Position?
    private var keyFloor: ListCursor?
    private var phase = Phase.walking
    private var uploads: [MultipartUploadInfo] = []
    private var prefixes: [String] = []
    private var isTruncated = false

    /// Starts a walk of `bucket`.
    package init(request: ListUploadsRequest, bucket: String) {
        self.request = request
        self.bucket = bucket
        if let marker = request.keyMarker, !marker.isEmpty { keyFloor = ListCursor(key: marker, inclusive: false) }
    }

    private var limit: Int { min(request.maxUploads, 1000) }
    private var count: Int { uploads.count + prefixes.count }

    /// The upload (id, key) of `upload-id-marker` with `key-marker`, whose initiation time positions the walk.
    package var markerLookup: (uploadId: String, key: String)? {
        guard let marker = request.keyMarker, !marker.isEmpty, let uploadId = request.uploadIdMarker,
            !uploadId.isEmpty
        else { return nil }
        return (uploadId, marker)
    }

    /// Starts after the markers: with the marker upload's `initiated`, that key's later uploads; without (none, or
    /// no such upload), after the key.
    package mutating func positioned(initiated: Int64?) {
        guard let lookup = markerLookup, let initiated else { return }
        after = UploadPageQuery.Position(key: lookup.key, initiated: initiated, uploadId: lookup.uploadId)
        keyFloor = nil
    }

    /// The next rows to read, or nil when the walk is over.
    package mutating func nextPage() -> UploadPageQuery? {
        switch phase {
        case .walking where count < limit:
            return query(limit: 256)
        case .walking where limit > 0:
            phase = .probing
            return query(limit: 1)
        case .probing:
            return query(limit: 1)
        case .walking, .done:
            phase = .done
            return nil
        }
    }

    /// Takes the rows the last ``nextPage()`` query returned.
    package mutating func receive(_ rows: [UploadRow]) {
        switch phase {
        case .walking:
            guard !rows.isEmpty else {
                phase = .done
                return
            }
            for row in rows where count < limit {
                if take(row) { break }
            }
        case .probing:
            isTruncated = !rows.isEmpty
            phase = .done
        case .done:
            break
        }
    }

    /// The page, once ``nextPage()`` answered nil.
    package var result: ListUploadsResult {
        let lastUpload = uploads.last
        let lastPrefix = prefixes.last
        let nextKey = [lastUpload?.key, lastPrefix].compactMap { $0 }.max { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return ListUploadsResult(
            uploads: uploads, commonPrefixes: prefixes, isTruncated: isTruncated,
            nextKeyMarker: isTruncated ? nextKey : nil,
            nextUploadIdMarker: isTruncated && nextKey == lastUpload?.key ? lastUpload?.uploadId : nil)
    }

    private func query(limit: Int) -> UploadPageQuery {
        UploadPageQuery(
            bucket: bucket, prefix: request.prefix, after: after, keyFloor: keyFloor, limit: limit)
    }

    /// Adds an upload or its common prefix and moves past it; returns true when the cursor jumped (new page needed).
    private mutating func take(_ row: UploadRow) -> Bool {
        if let delimiter = request.delimiter,
            let common = KeyOrder.commonPrefix(of: row.key, prefix: request.prefix, delimiter: delimiter)
        {
            prefixes.append(common)
            after = nil
            keyFloor =
                KeyOrder.upperBound(ofPrefix: common).map { ListCursor(key: $0, inclusive: true) }
                ?? ListCursor(key: row.key, inclusive: false)
            return true
        }
        uploads.append(row.info)
        after = UploadPageQuery.Position(key: row.key, initiated: row.initiated, uploadId: row.uploadId)
        return false
    }
}

/// One query of an upload listing: up to `limit` uploads of `bucket` by (key, initiated, upload id), under `prefix`,
/// after `after` and from `keyFloor` when set.
package struct UploadPageQuery: Sendable {
    /// A position in (key, initiated, upload id) order.
    package struct Position: Sendable {
        package var key: String
        package var initiated: Int64
        package var uploadId: String
    }

    package var bucket: String
    package var prefix: String
    package var after: Position?
    package var keyFloor: ListCursor?
    package var limit: Int

    /// The first key past every key under `prefix`, or nil when there is none (or no prefix).
    package var prefixEnd: String? { prefix.isEmpty ? nil : KeyOrder.upperBound(ofPrefix: prefix) }
}
