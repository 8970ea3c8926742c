import Foundation
import GRDB

/// The listing columns of an object row.
struct ObjectSummaryRow: Decodable, FetchableRecord, Sendable {
    static let columns =
        "key, size, etag, last_modified, checksum_crc32, checksum_crc32c, checksum_crc64nvme, checksum_sha1, checksum_sha256"

    var key: String
    var size: Int64
    var etag: String
    var lastModified: Int64
    var checksumCrc32: String?
    var checksumCrc32c: String?
    var checksumCrc64nvme: String?
    var checksumSha1: String?
    var checksumSha256: String?

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
struct ListCursor: Sendable, Equatable {
    var key: String
    var inclusive: Bool
}

extension MetadataDatabase {
    /// Up to `limit` rows of `bucket` in key order, starting at `cursor`, restricted to `prefix`.
    static func listPage(
        _ db: Database,
        bucket: String,
        prefix: String,
        cursor: ListCursor?,
        limit: Int
    ) throws -> [ObjectSummaryRow] {
        var sql = "SELECT \(ObjectSummaryRow.columns) FROM objects WHERE bucket = ?"
        var arguments: StatementArguments = [bucket]
        if !prefix.isEmpty {
            sql += " AND key >= ?"
            arguments += [prefix]
            if let end = KeyOrder.upperBound(ofPrefix: prefix) {
                sql += " AND key < ?"
                arguments += [end]
            }
        }
        if let cursor {
            sql += cursor.inclusive ? " AND key >= ?" : " AND key > ?"
            arguments += [cursor.key]
        }
        sql += " ORDER BY key LIMIT ?"
        arguments += [limit]
        return try ObjectSummaryRow.fetchAll(db, sql: sql, arguments: arguments)
    }
}
