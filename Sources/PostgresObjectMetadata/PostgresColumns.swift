import NIOCore
import ObjectStore
import PostgresNIO
import TextCodings

/// Moves metadata rows between their ``ColumnValue``s (the SQLite codecs' values) and PostgreSQL: INTEGER as
/// BIGINT, REAL as DOUBLE PRECISION, TEXT as TEXT, BLOB as BYTEA, so that one codec per row type describes its
/// columns for both stores.
enum PostgresColumns {
    /// Appends `value` to `bindings` with the PostgreSQL type of its kind.
    static func bind(_ value: ColumnValue, to bindings: inout PostgresBindings) {
        switch value {
        case .null: bindings.appendNull()
        case .integer(let integer): bindings.append(integer)
        case .real(let real): bindings.append(real)
        case .text(let text): bindings.append(text)
        case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
        }
    }

    /// The bindings of `values`, in order.
    static func bindings(_ values: [ColumnValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bind(value, to: &bindings) }
        return bindings
    }

    /// A cell's value; NULL, BIGINT/INTEGER, DOUBLE PRECISION, TEXT and BYTEA are the types this schema uses.
    static func value(_ cell: PostgresCell) throws -> ColumnValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8, .int4, .int2: return .integer(try cell.decode(Int64.self))
        case .float8, .float4: return .real(try cell.decode(Double.self))
        case .bytea:
            let buffer = try cell.decode(ByteBuffer.self)
            return .blob(Array(buffer.readableBytesView))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// A row's cells by column name.
    static func values(_ row: PostgresRow) throws -> [String: ColumnValue] {
        var values: [String: ColumnValue] = [:]
        for cell in row { values[cell.columnName] = try value(cell) }
        return values
    }

    /// Reads every row of `rows` as `Row`.
    static func decode<Row: PortableRow>(_ type: Row.Type, _ rows: PostgresRowSequence) async throws -> [Row] {
        var decoded: [Row] = []
        for try await row in rows { decoded.append(try Row(portableValues: values(row))) }
        return decoded
    }

    /// `INSERT INTO table (columns) VALUES ($1, ...)` of every value of `row` (the columns the row has).
    static func insert(into table: String, _ values: [String: ColumnValue], extra: String = "") -> PostgresQuery {
        let columns = values.keys.sorted()
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
        return PostgresQuery(
            unsafeSQL: "INSERT INTO coffer_objects.\(table) (\(names)) VALUES (\(placeholders))\(extra)",
            binds: bindings(columns.map { values[$0]! }))
    }

    /// `values` as a JSON object for `jsonb_populate_record`: integers and reals as numbers, text as strings, bytes as
    /// strings in BYTEA's hex input form (`"\\x0a1b"`), NULL as null.
    static func json(_ values: [String: ColumnValue]) -> String {
        var json: [UInt8] = [UInt8(ascii: "{")]
        json.reserveCapacity(1024)
        for (index, (name, value)) in values.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            JSONString.append(name, to: &json)
            json.append(UInt8(ascii: ":"))
            switch value {
            case .null: json.append(contentsOf: "null".utf8)
            case .integer(let integer): json.append(contentsOf: String(integer).utf8)
            case .real(let real): json.append(contentsOf: "\(real)".utf8)
            case .text(let text): JSONString.append(text, to: &json)
            case .blob(let bytes): json.append(contentsOf: "\"\\\\x\(Hex.encode(bytes))\"".utf8)
            }
        }
        json.append(UInt8(ascii: "}"))
        return String(decoding: json, as: UTF8.self)
    }

    /// Bytes as a BYTEA binding.
    static func bytes(_ bytes: some Sequence<UInt8>) -> ByteBuffer {
        ByteBuffer(bytes: bytes)
    }
}
