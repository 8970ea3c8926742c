import GRDB

/// A row type whose codec is written by hand around one list of its columns, instead of GRDB's Codable bridge.
///
/// `columnNames` lists the columns in the order `init(columns:)` reads them (and, for a persisted type, its
/// `columnValues` lists their values). A row selected as exactly `selection` is read by column index; any other
/// row (`SELECT *`, whose column order follows the migrations, or a projection) by name.
protocol ColumnListRecord: FetchableRecord {
    /// The columns, in the order `init(columns:)` reads them.
    static var columnNames: [String] { get }

    /// Reads the columns in `columnNames` order.
    init(columns: inout RowColumnReader) throws
}

extension ColumnListRecord {
    /// The select list whose rows `fetchOne(selectionStatement:arguments:)` reads by index: `columnNames`.
    static var selection: String { columnNames.joined(separator: ", ") }

    /// Reads `row` by column name.
    init(byColumnName row: Row) throws {
        var reader = RowColumnReader(byName: row, columnNames: Self.columnNames)
        try self.init(columns: &reader)
    }

    /// The first row of `statement`, which must select `selection` (in that order), read by column index.
    static func fetchOne(selectionStatement statement: Statement, arguments: StatementArguments) throws -> Self? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        guard let row = try cursor.next() else { return nil }
        var reader = RowColumnReader(byIndex: row, columnNames: columnNames)
        return try Self(columns: &reader)
    }
}

extension PersistenceContainer {
    /// Stores `values` under the `columns` of the same position.
    mutating func set(columns: [String], values: [(any DatabaseValueConvertible)?]) {
        for (column, value) in zip(columns, values) { self[column] = value }
    }
}
