import Foundation
package import GRDB

/// The part row decoder, written by hand like `ObjectRow`'s. It reads rows of both `upload_parts` and
/// `object_parts`: the columns only one of them has (`upload_id`; `object_id`, `offset`) read as nil from the
/// other. (Parts are inserted by `insertUploadPart` and `insertObjectPart`, which never used Codable.)
extension PartRow: ColumnListRecord {
    private typealias Keys = CodingKeys

    /// The columns, in the order of `init(columns:)`.
    static let columnNames: [String] = [
        Keys.uploadId.rawValue, Keys.objectId.rawValue, Keys.partNumber.rawValue, Keys.offset.rawValue,
        Keys.blobId.rawValue, Keys.partSalt.rawValue, Keys.size.rawValue, Keys.etag.rawValue,
        Keys.lastModified.rawValue, Keys.segmentSize.rawValue, Keys.checksumCrc32.rawValue,
        Keys.checksumCrc32c.rawValue, Keys.checksumCrc64nvme.rawValue, Keys.checksumSha1.rawValue,
        Keys.checksumSha256.rawValue,
    ]

    init(columns: inout RowColumnReader) throws {
        uploadId = try columns.next()
        objectId = try columns.next()
        partNumber = try columns.next()
        offset = try columns.next()
        blobId = try columns.next()
        partSalt = try columns.next()
        size = try columns.next()
        etag = try columns.next()
        lastModified = try columns.next()
        segmentSize = try columns.next()
        checksumCrc32 = try columns.next()
        checksumCrc32c = try columns.next()
        checksumCrc64nvme = try columns.next()
        checksumSha1 = try columns.next()
        checksumSha256 = try columns.next()
    }

    package init(row: Row) throws { try self.init(byColumnName: row) }
}
