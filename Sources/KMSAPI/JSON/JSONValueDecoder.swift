/// Decodes the `Decodable` operation inputs from a ``JSONValue``, with the `DecodingError`s `JSONDecoder` throws.
///
/// Hand-written together with ``JSONReader`` (see there why). It reads what the KMS shapes hold (objects,
/// arrays, strings, booleans, numbers, string maps) and behaves as `JSONDecoder` does on them: optional members
/// that are absent or `null` decode as nil, a repeated key yields its first value, numbers convert to the
/// integer type asked for only when exact (`32.0` is 32, `32.5` fails), and strings and numbers never coerce
/// into each other. `JSONValueDecoderTests` compares the two on the same documents.
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    /// The path of the container this value is in, and its key there: the full path is only built for errors
    /// and nested containers.
    private let parentPath: [any CodingKey]
    private let key: (any CodingKey)?

    var codingPath: [any CodingKey] { key.map { parentPath + [$0] } ?? parentPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, codingPath: [any CodingKey] = []) {
        self.value = value
        self.parentPath = codingPath
        self.key = nil
    }

    /// The decoder of the member or element `key` of a container at `parentPath`.
    init(_ value: JSONValue, parentPath: [any CodingKey], key: any CodingKey) {
        self.value = value
        self.parentPath = parentPath
        self.key = key
    }

    /// Decodes `type` from `value`.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoder(value).decode(type)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw typeMismatch([String: JSONValue].self) }
        return KeyedDecodingContainer(JSONKeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw typeMismatch([JSONValue].self) }
        return JSONUnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    func typeMismatch(_ type: Any.Type) -> DecodingError {
        if case .null = value {
            return .valueNotFound(
                type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found null instead."))
        }
        return .typeMismatch(
            type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found \(value.kind) instead."))
    }
}

extension JSONValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let bool) = value else { throw typeMismatch(type) }
        return bool
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let string) = value else { throw typeMismatch(type) }
        return string
    }

    func decode(_ type: Double.Type) throws -> Double { try floatingPoint(type) }
    func decode(_ type: Float.Type) throws -> Float { try floatingPoint(type) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // The string maps (EncryptionContext) and lists (GrantTokens) of the shapes, decoded directly: the
        // standard library's generic `Dictionary.init(from:)` alone cost 15,000 instructions for one pair.
        if T.self == [String: String].self { return try decodeStringMap() as! T }
        if T.self == [String].self { return try decodeStringList() as! T }
        return try T(from: self)
    }

    /// What `Dictionary<String, String>.init(from:)` decodes, with its errors: a repeated key keeps its first value.
    private func decodeStringMap() throws -> [String: String] {
        guard case .object(let members) = value else { throw typeMismatch([String: String].self) }
        let path = codingPath
        var map: [String: String] = [:]
        map.reserveCapacity(members.count)
        for member in members where map[member.key] == nil {
            map[member.key] = try JSONValueDecoder(member.value, parentPath: path, key: JSONStringKey(member.key))
                .decode(String.self)
        }
        return map
    }

    /// What `Array<String>.init(from:)` decodes, with its errors.
    private func decodeStringList() throws -> [String] {
        guard case .array(let elements) = value else { throw typeMismatch([String].self) }
        let path = codingPath
        return try elements.enumerated().map { index, element in
            try JSONValueDecoder(element, parentPath: path, key: JSONIndexKey(index)).decode(String.self)
        }
    }

    /// An integer literal, or a fraction or exponent form whose value is a whole number that fits.
    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let literal) = value else { throw typeMismatch(type) }
        if let exact = T(literal, radix: 10) { return exact }
        let isInteger = !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }
        if !isInteger, let double = Double(literal), double.isFinite, let exact = T(exactly: double) { return exact }
        throw DecodingError.dataCorrupted(
            .init(codingPath: codingPath, debugDescription: "Number \(literal) does not fit in \(type)."))
    }

    private func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) throws -> T {
        guard case .number(let literal) = value else { throw typeMismatch(type) }
        guard let number = T(literal), number.isFinite else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "Number \(literal) does not fit in \(type)."))
        }
        return number
    }
}
