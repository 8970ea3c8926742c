package import GRDB

/// The `buckets` row codec, written by hand like `ObjectRow`'s (read on every PUT): the same values as GRDB's
/// Codable bridge wrote, pinned by `RowRecordCompatibilityTests`.
extension BucketRow: ColumnListRecord {
    private typealias Keys = CodingKeys

    /// The columns, in the order of `columnValues` and of `init(columns:)`.
    static let columnNames: [String] = [
        Keys.name.rawValue, Keys.createdAt.rawValue, Keys.region.rawValue, Keys.sseAlgorithm.rawValue,
        Keys.sseKmsKeyId.rawValue, Keys.sseBucketKeyEnabled.rawValue,
    ]

    /// The row's values, in `columnNames` order.
    var columnValues: [(any DatabaseValueConvertible)?] {
        [name, createdAt, region, sseAlgorithm, sseKmsKeyId, sseBucketKeyEnabled]
    }

    init(columns: inout RowColumnReader) throws {
        name = try columns.next()
        createdAt = try columns.next()
        region = try columns.next()
        sseAlgorithm = try columns.next()
        sseKmsKeyId = try columns.next()
        sseBucketKeyEnabled = try columns.next()
    }

    package init(row: Row) throws { try self.init(byColumnName: row) }

    package func encode(to container: inout PersistenceContainer) throws {
        container.set(columns: Self.columnNames, values: columnValues)
    }
}
