/// The keyed container of ``JSONValueDecoder``: an object's members, looked up by key (first occurrence).
struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONMember]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool {
        members.contains { $0.key == key.stringValue }
    }

    /// The decoder of the member `key`; throws `keyNotFound` when absent.
    private func decoder(for key: Key) throws -> JSONValueDecoder {
        guard let member = members.first(where: { $0.key == key.stringValue }) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue).")
            )
        }
        return JSONValueDecoder(member.value, parentPath: codingPath, key: key)
    }

    /// The decoder of the member `key`, nil when it is absent or `null`.
    private func presentDecoder(for key: Key) -> JSONValueDecoder? {
        guard let member = members.first(where: { $0.key == key.stringValue }) else { return nil }
        if case .null = member.value { return nil }
        return JSONValueDecoder(member.value, parentPath: codingPath, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try decoder(for: key).decodeNil() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder(for: key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder(for: key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder(for: key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder(for: key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder(for: key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder(for: key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder(for: key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder(for: key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder(for: key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder(for: key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder(for: key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder(for: key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder(for: key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder(for: key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder(for: key).decode(type) }

    // One lookup each for the optional members the shapes use (the protocol's defaults take three).
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentDecoder(for: key)?.decode(type)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentDecoder(for: key)?.decode(type)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentDecoder(for: key)?.decode(type)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try presentDecoder(for: key)?.decode(type)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try presentDecoder(for: key)?.decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONValueDecoder(.object(members), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try decoder(for: key)
    }
}

/// The unkeyed container of ``JSONValueDecoder``: an array's elements, in order.
struct JSONUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The decoder of the current element, advancing past it.
    private mutating func nextDecoder(_ type: Any.Type) throws -> JSONValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: codingPath + [JSONIndexKey(currentIndex)],
                    debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return JSONValueDecoder(elements[currentIndex], parentPath: codingPath, key: JSONIndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try nextDecoder(type).decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try nextDecoder(type).decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try nextDecoder(type).decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder([String: JSONValue].self).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder([JSONValue].self).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try nextDecoder(JSONValue.self)
    }
}

/// The coding key of an array element: its index, written `Index <n>` as `JSONDecoder` writes it.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { self.intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The coding key of a string map's entry: the entry's own key.
struct JSONStringKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ key: String) { self.stringValue = key }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
