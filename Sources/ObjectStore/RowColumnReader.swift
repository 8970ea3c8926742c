import Foundation
import GRDB

/// Reads a row's columns one after the other, in the order of a `ColumnListRecord`'s `columnNames`.
///
/// By index, for a row selected as exactly those columns: straight from the statement, with no name lookups
/// (GRDB lower-cases and hashes the name for each). By name otherwise, where a column absent from the row reads
/// as nil when optional, as through GRDB's Codable bridge.
struct RowColumnReader {
    private let row: Row
    private let columnNames: [String]
    private let byIndex: Bool
    private var position = 0

    /// A reader of `row` by the names in `columnNames`.
    init(byName row: Row, columnNames: [String]) {
        self.row = row
        self.columnNames = columnNames
        self.byIndex = false
    }

    /// A reader of `row`, which the caller selected as exactly `columnNames`, in that order.
    init(byIndex row: Row, columnNames: [String]) {
        self.row = row
        self.columnNames = columnNames
        self.byIndex = true
    }

    /// The next column's value.
    mutating func next<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: Value.Type = Value.self
    ) throws -> Value {
        defer { position += 1 }
        return byIndex ? try row.decode(atIndex: position) : try row.decode(forColumn: columnNames[position])
    }

    /// The next column, a `[String: String]` stored as `StringDictionaryColumn` JSON; nil when NULL or absent.
    mutating func nextStringDictionary() throws -> [String: String]? {
        defer { position += 1 }
        let decode = { (bytes: Data?) in try StringDictionaryColumn.dictionary(bytes) }
        return byIndex
            ? try row.withUnsafeData(atIndex: position, decode)
            : try row.withUnsafeData(named: columnNames[position], decode)
    }

    /// The next column, a non-null `[String: String]`.
    mutating func nextRequiredStringDictionary() throws -> [String: String] {
        let column = columnNames[position]
        guard let dictionary = try nextStringDictionary() else {
            let context = DecodingError.Context(codingPath: [], debugDescription: "Missing or NULL column \(column)")
            throw DecodingError.valueNotFound([String: String].self, context)
        }
        return dictionary
    }
}
