package import Foundation
package import GRDB

/// One column's value as SQLite stores it (INTEGER, REAL, TEXT, BLOB or NULL): the form in which another SQL
/// database (PostgreSQL: BIGINT, DOUBLE PRECISION, TEXT, BYTEA) stores the same rows, so that the row codecs of
/// ``ObjectRow``, ``UploadRow``, ``BucketRow``, ``BucketKeyRow`` and ``PartRow`` stay the one description of their
/// columns.
package enum ColumnValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .double(let real): self = .real(real)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let integer): return integer.databaseValue
        case .real(let real): return real.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return Data(bytes).databaseValue
        }
    }
}

/// A metadata row another SQL database reads column for column, through ``ColumnValue``s. (The row types that are
/// written, `EncodableRecord`s and ``PartRow``, give their columns as `portableValues`.)
package protocol PortableRow: Sendable {
    /// Reads a row from its columns by name; an absent optional column reads as nil.
    init(portableValues: [String: ColumnValue]) throws
}

extension PortableRow where Self: FetchableRecord {
    /// Reads the row through its SQLite codec.
    package init(portableValues: [String: ColumnValue]) throws {
        try self.init(row: Row(portableValues.mapValues { $0.databaseValue }))
    }
}

extension EncodableRecord {
    /// The values its SQLite codec writes.
    package var portableValues: [String: ColumnValue] {
        get throws { try databaseDictionary.mapValues(ColumnValue.init) }
    }
}

extension ObjectSummaryRow: PortableRow {}
extension ObjectRow: PortableRow {}
extension UploadRow: PortableRow {}
extension BucketRow: PortableRow {}
extension BucketKeyRow: PortableRow {}

extension PartRow: PortableRow {}

extension PartRow {
    /// The values of both tables' columns (`upload_id` or `object_id` and `offset` are NULL as the row says).
    package var portableValues: [String: ColumnValue] {
        let values: [String: (any DatabaseValueConvertible)?] = [
            "upload_id": uploadId, "object_id": objectId, "part_number": partNumber, "offset": offset,
            "blob_id": blobId, "part_salt": partSalt, "size": size, "etag": etag, "last_modified": lastModified,
            "segment_size": segmentSize, "checksum_crc32": checksumCrc32, "checksum_crc32c": checksumCrc32c,
            "checksum_crc64nvme": checksumCrc64nvme, "checksum_sha1": checksumSha1, "checksum_sha256": checksumSha256,
        ]
        return values.mapValues { ColumnValue($0?.databaseValue ?? .null) }
    }
}
