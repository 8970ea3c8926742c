import NIOCore
import PostgresNIO

/// One batch of the group commit, `coffer_objects.replace_objects`, prepared once per connection: per row, whether
/// its bucket exists and the blob ids the replaced object leaves.
struct ReplaceObjects: PostgresPreparedStatement {
    static let sql = "SELECT bucket_found, freed FROM coffer_objects.replace_objects($1::jsonb[])"
    static let bindingDataTypes: [PostgresDataType] = [.textArray]
    typealias Row = (bucketFound: Bool, freed: [ByteBuffer]?)

    /// The rows as `jsonb_populate_record` reads them (``PostgresColumns/json(_:)``).
    var rows: [String]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(rows)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode((Bool, [ByteBuffer]?).self)
    }
}
