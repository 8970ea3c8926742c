/// The whitelisted fields of one part of an audit event (`requestParameters`, `responseElements`,
/// `additionalEventData`): a JSON object whose names are `AuditField`s and whose values are `JSONValue`s.
///
/// Build it from typed fields (`fields[.keyId] = .string(arn)`), or filter a whole KMS request body with
/// `init(filtering:)`: every member whose name is not an `AuditField` (`Plaintext`, `CiphertextBlob`, ...) is
/// dropped. Decoding filters the same way, so a hand-edited trail cannot smuggle other names through.
public struct AuditFields: Sendable, Hashable {
    private var storage: [AuditField: JSONValue]

    /// Creates fields from typed names and values.
    public init(_ fields: [AuditField: JSONValue] = [:]) {
        storage = fields
    }

    /// Keeps the allowed members of a KMS JSON request or response body and drops every other one.
    ///
    /// - Parameter members: the body's top-level members, with the wire's UpperCamelCase names (`KeyId`) or
    ///   CloudTrail's lowerCamelCase ones (`keyId`).
    public init(filtering members: [String: JSONValue]) {
        storage = [:]
        for (name, value) in members {
            if let field = AuditField(memberName: name) { storage[field] = value }
        }
    }

    /// The value of `field`, or nil when absent; setting nil removes it.
    public subscript(field: AuditField) -> JSONValue? {
        get { storage[field] }
        set { storage[field] = newValue }
    }

    /// True when no field is set.
    public var isEmpty: Bool { storage.isEmpty }

    /// The fields that are set.
    public var fields: [AuditField: JSONValue] { storage }
}

extension AuditFields: Codable {
    /// Decodes a JSON object, keeping only allowed names.
    public init(from decoder: any Decoder) throws {
        let members = try decoder.singleValueContainer().decode([String: JSONValue].self)
        self.init(filtering: members)
    }

    /// Encodes the fields as a JSON object with CloudTrail's names.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AuditField.self)
        for (field, value) in storage {
            try container.encode(value, forKey: field)
        }
    }
}
