import Foundation

/// The listing walk of one page, as a state machine any metadata store drives: ask ``nextPage()`` for the next
/// query, run it, hand the rows to ``receive(_:)``, until ``nextPage()`` answers nil. It rolls keys up into common
/// prefixes and seeks past each common prefix instead of scanning its keys.
package struct Listing: Sendable {
    private static let pageSize = 256

    private enum Phase {
        /// Filling the page.
        case walking
        /// The page is full: one more row says whether it is truncated.
        case probing
        case done
    }

    let request: ListObjectsRequest
    let bucket: String
    private var cursor: ListCursor?
    private var phase = Phase.walking
    private var objects: [ObjectSummary] = []
    private var prefixes: [String] = []
    private var last: String?
    private var isTruncated = false

    /// Starts a walk of `bucket` at `cursor`.
    package init(request: ListObjectsRequest, bucket: String, cursor: ListCursor?) {
        self.request = request
        self.bucket = bucket
        self.cursor = cursor
    }

    private var limit: Int { min(request.maxKeys, 1000) }
    private var count: Int { objects.count + prefixes.count }

    /// The next rows to read, or nil when the walk is over.
    package mutating func nextPage() -> ListPageQuery? {
        switch phase {
        case .walking where count < limit:
            return query(limit: Self.pageSize)
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
    package mutating func receive(_ rows: [ObjectSummaryRow]) {
        switch phase {
        case .walking:
            guard !rows.isEmpty else {
                phase = .done
                return
            }
            for row in rows where count < limit {
                take(row)
                if cursor?.inclusive == true { break }
            }
        case .probing:
            isTruncated = !rows.isEmpty
            phase = .done
        case .done:
            break
        }
    }

    /// The page, once ``nextPage()`` answered nil.
    package var result: ListObjectsResult {
        let next = isTruncated ? last : nil
        return ListObjectsResult(
            objects: objects,
            commonPrefixes: prefixes,
            isTruncated: isTruncated,
            nextContinuationToken: next.map(ListingToken.encode),
            nextMarker: next
        )
    }

    private func query(limit: Int) -> ListPageQuery {
        ListPageQuery(bucket: bucket, prefix: request.prefix, cursor: cursor, limit: limit)
    }

    /// Adds a row (or its common prefix) and moves the cursor past it.
    private mutating func take(_ row: ObjectSummaryRow) {
        if let delimiter = request.delimiter,
            let common = KeyOrder.commonPrefix(of: row.key, prefix: request.prefix, delimiter: delimiter)
        {
            prefixes.append(common)
            last = common
            cursor =
                KeyOrder.upperBound(ofPrefix: common).map { ListCursor(key: $0, inclusive: true) }
                ?? ListCursor(key: row.key, inclusive: false)
            return
        }
        objects.append(ObjectSummary(row))
        last = row.key
        cursor = ListCursor(key: row.key, inclusive: false)
    }
}

extension ObjectSummary {
    init(_ row: ObjectSummaryRow) {
        var algorithms: [ChecksumAlgorithm] = []
        if row.checksumCrc32 != nil { algorithms.append(.crc32) }
        if row.checksumCrc32c != nil { algorithms.append(.crc32c) }
        if row.checksumCrc64nvme != nil { algorithms.append(.crc64nvme) }
        if row.checksumSha1 != nil { algorithms.append(.sha1) }
        if row.checksumSha256 != nil { algorithms.append(.sha256) }
        self.init(
            key: row.key,
            size: row.size,
            etag: "\"\(row.etag)\"",
            lastModified: Date(millisecondsSince1970: row.lastModified),
            checksumAlgorithms: algorithms
        )
    }
}

/// One query of a listing walk: up to `limit` rows of `bucket` in key (byte) order, from `cursor`, under `prefix`.
package struct ListPageQuery: Sendable, Equatable {
    package var bucket: String
    /// Empty for no prefix.
    package var prefix: String
    package var cursor: ListCursor?
    package var limit: Int

    /// The first key past every key under `prefix`, or nil when there is none (or no prefix).
    package var prefixEnd: String? { prefix.isEmpty ? nil : KeyOrder.upperBound(ofPrefix: prefix) }
}
