/// A JSON document as ``JSONReader`` parses it, for ``JSONValueDecoder`` to decode operation inputs from.
///
/// Numbers keep their literal text: the decoder converts them to the type a member asks for, so `32`, `32.0`
/// and `3.2e1` all decode as the integer 32 and nothing is rounded through `Double` on the way.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number's literal, already checked against the JSON grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// The members in document order; a repeated key keeps every occurrence (the decoder reads the first).
    case object([JSONMember])

    /// A short name of the value's kind, for error descriptions.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One `"key": value` member of a JSON object.
struct JSONMember: Equatable, Sendable {
    var key: String
    var value: JSONValue
}
