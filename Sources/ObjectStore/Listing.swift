import Foundation
import GRDB

/// The listing walk of one page: pulls rows in key order, rolls keys up into common prefixes, and
/// seeks past each common prefix instead of scanning its keys.
struct Listing {
    private static let pageSize = 256

    let request: ListObjectsRequest
    let bucket: String
    private var cursor: ListCursor?
    private var objects: [ObjectSummary] = []
    private var prefixes: [String] = []
    private var last: String?
    private var isTruncated = false

    init(request: ListObjectsRequest, bucket: String, cursor: ListCursor?) {
        self.request = request
        self.bucket = bucket
        self.cursor = cursor
    }

    private var limit: Int { min(request.maxKeys, 1000) }
    private var count: Int { objects.count + prefixes.count }

    /// Walks rows until the page is full, then checks whether anything follows.
    mutating func run(_ db: Database) throws {
        while count < limit {
            let rows = try page(db, limit: Self.pageSize)
            guard !rows.isEmpty else { return }
            for row in rows where count < limit {
                take(row)
                if cursor?.inclusive == true { break }
            }
        }
        isTruncated = try limit > 0 && !page(db, limit: 1).isEmpty
    }

    var result: ListObjectsResult {
        let next = isTruncated ? last : nil
        return ListObjectsResult(
            objects: objects,
            commonPrefixes: prefixes,
            isTruncated: isTruncated,
            nextContinuationToken: next.map(ListingToken.encode),
            nextMarker: next
        )
    }

    private func page(_ db: Database, limit: Int) throws -> [ObjectSummaryRow] {
        try MetadataDatabase.listPage(db, bucket: bucket, prefix: request.prefix, cursor: cursor, limit: limit)
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
