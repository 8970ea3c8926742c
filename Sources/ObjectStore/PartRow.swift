package import Foundation
package import GRDB

/// One stored part: a row of `upload_parts` (while the upload is in progress) or of `object_parts` (once
/// completed, with its `offset` in the object). Both tables share these columns.
package struct PartRow: Codable, Sendable, Equatable, FetchableRecord {
    /// The upload id (`upload_parts`) or nil (`object_parts`).
    package var uploadId: String?
    /// The object id (`object_parts`) or nil (`upload_parts`).
    package var objectId: Data?
    package var partNumber: Int
    /// The part's first byte in the completed object (`object_parts` only).
    package var offset: Int64?
    /// The part's own blob; bound into its header and so into every segment's additional data.
    package var blobId: Data
    /// The random 32-byte salt of the part key (docs/storage-format.md §8).
    package var partSalt: Data
    package var size: Int64
    /// Hex MD5 of the part's plaintext.
    package var etag: String
    package var lastModified: Int64
    package var segmentSize: Int
    package var checksumCrc32: String?
    package var checksumCrc32c: String?
    package var checksumCrc64nvme: String?
    package var checksumSha1: String?
    package var checksumSha256: String?

    enum CodingKeys: String, CodingKey {
        case uploadId = "upload_id"
        case objectId = "object_id"
        case partNumber = "part_number"
        case offset
        case blobId = "blob_id"
        case partSalt = "part_salt"
        case size, etag
        case lastModified = "last_modified"
        case segmentSize = "segment_size"
        case checksumCrc32 = "checksum_crc32"
        case checksumCrc32c = "checksum_crc32c"
        case checksumCrc64nvme = "checksum_crc64nvme"
        case checksumSha1 = "checksum_sha1"
        case checksumSha256 = "checksum_sha256"
    }

    /// The part blob's id.
    package var blobID: ObjectID {
        get throws { try ObjectID(bytes: blobId).orThrow(.corruptObject("bad part blob id")) }
    }

    package var checksums: ObjectChecksums {
        ObjectChecksums(
            crc32: checksumCrc32, crc32c: checksumCrc32c, crc64nvme: checksumCrc64nvme, sha1: checksumSha1,
            sha256: checksumSha256)
    }

    /// The columns both tables share, for inserts.
    private var sharedValues: [String: (any DatabaseValueConvertible)?] {
        [
            "part_number": partNumber, "blob_id": blobId, "part_salt": partSalt, "size": size, "etag": etag,
            "last_modified": lastModified, "segment_size": segmentSize, "checksum_crc32": checksumCrc32,
            "checksum_crc32c": checksumCrc32c, "checksum_crc64nvme": checksumCrc64nvme,
            "checksum_sha1": checksumSha1, "checksum_sha256": checksumSha256,
        ]
    }

    /// Inserts (replacing the same part number) into `upload_parts`.
    func insertUploadPart(_ db: Database, uploadId: String) throws {
        try Self.insert(db, table: "upload_parts", sharedValues.merging(["upload_id": uploadId]) { a, _ in a })
    }

    /// Inserts into `object_parts`.
    func insertObjectPart(_ db: Database, objectId: Data, offset: Int64) throws {
        try Self.insert(
            db, table: "object_parts", sharedValues.merging(["object_id": objectId, "offset": offset]) { a, _ in a })
    }

    private static func insert(_ db: Database, table: String, _ values: [String: (any DatabaseValueConvertible)?])
        throws
    {
        let columns = values.keys.sorted()
        let sql =
            "INSERT OR REPLACE INTO \(table) (\(columns.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        try db.execute(sql: sql, arguments: StatementArguments(columns.map { values[$0]! }))
    }
}
