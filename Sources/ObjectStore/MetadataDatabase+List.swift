import Foundation
import GRDB

/// The listing columns of an object row.
package struct ObjectSummaryRow: Decodable, FetchableRecord, Sendable {
    /// The columns, in the order a SQL select lists them.
    package static let columns =
        "key, size, etag, last_modified, checksum_crc32, checksum_crc32c, checksum_crc64nvme, checksum_sha1, checksum_sha256"

    package var key: String
    package var size: Int64
    package var etag: String
    package var lastModified: Int64
    package var checksumCrc32: String?
    package var checksumCrc32c: String?
    package var checksumCrc64nvme: String?
    package var checksumSha1: String?
    package var checksumSha256: String?

    enum CodingKeys: String, CodingKey {
        case key, size, etag
        case lastModified = "last_modified"
        case checksumCrc32 = "checksum_crc32"
        case checksumCrc32c = "checksum_crc32c"
        case checksumCrc64nvme = "checksum_crc64nvme"
        case checksumSha1 = "checksum_sha1"
        case checksumSha256 = "checksum_sha256"
    }
}

/// A position in key order: list keys after (or from, when inclusive) `key`.
package struct ListCursor: Sendable, Equatable {
    package var key: String
    package var inclusive: Bool
}

extension MetadataDatabase {
    /// One listing page, walked in one read transaction (a consistent snapshot).
    func listObjects(bucket: String, _ request: ListObjectsRequest, from start: ListCursor?) async throws
        -> ListObjectsResult
    {
        try await pool.read { db in
            guard try Self.bucketExists(db, name: bucket) else { throw ObjectStoreError.noSuchBucket(bucket) }
            var listing = Listing(request: request, bucket: bucket, cursor: start)
            while let query = listing.nextPage() { listing.receive(try Self.listPage(db, query)) }
            return listing.result
        }
    }

    /// The rows of one listing query.
    static func listPage(_ db: Database, _ query: ListPageQuery) throws -> [ObjectSummaryRow] {
        var sql = "SELECT \(ObjectSummaryRow.columns) FROM objects WHERE bucket = ?"
        var arguments: StatementArguments = [query.bucket]
        if !query.prefix.isEmpty {
            sql += " AND key >= ?"
            arguments += [query.prefix]
            if let end = query.prefixEnd {
                sql += " AND key < ?"
                arguments += [end]
            }
        }
        if let cursor = query.cursor {
            sql += cursor.inclusive ? " AND key >= ?" : " AND key > ?"
            arguments += [cursor.key]
        }
        sql += " ORDER BY key LIMIT ?"
        arguments += [query.limit]
        return try ObjectSummaryRow.fetchAll(db, sql: sql, arguments: arguments)
    }
}
