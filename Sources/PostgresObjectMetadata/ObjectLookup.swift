import ObjectStore
import PostgresNIO

/// The GET/HEAD read of one object row as a statement prepared once per connection (PostgreSQL parses and plans it
/// once, not on every read).
struct ObjectLookup: PostgresPreparedStatement {
    /// The columns this version reads, named: a column a newer node's migration adds later does not change the
    /// prepared statement's result (PostgreSQL refuses to run a prepared `SELECT *` whose table gained a column).
    static let sql = """
        SELECT \(ObjectRow.storedColumnNames.map { "objects.\"\($0)\"" }.joined(separator: ", "))
        FROM coffer_objects.buckets
        LEFT JOIN coffer_objects.objects ON objects.bucket = buckets.name AND objects.key = $2
        WHERE buckets.name = $1
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text]
    typealias Row = [String: ColumnValue]

    var bucket: String
    var key: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(bucket)
        bindings.append(key)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try PostgresColumns.values(row)
    }
}
