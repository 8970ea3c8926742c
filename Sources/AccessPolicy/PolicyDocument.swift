public import Foundation

/// A parsed and compiled IAM JSON policy document: a key policy or an identity policy.
///
/// Parse once, when the policy is stored or loaded, and evaluate many times. The grammar follows the IAM user
/// guide's "Grammar of the IAM JSON policy language": `Version`, `Id` and `Statement` (one object or an
/// array); each statement has `Sid`, `Effect`, `Principal`/`NotPrincipal`, `Action`/`NotAction`,
/// `Resource`/`NotResource` and `Condition`. Element names are case-sensitive and unknown elements are
/// rejected. Policy variables (`${aws:username}`) are not expanded: they match literally.
public struct PolicyDocument: Sendable {
    /// Which kind of policy a document is, which decides whether it must name principals.
    public enum Kind: Sendable, Hashable {
        /// A resource-based policy such as a key policy: every statement needs `Principal` or `NotPrincipal`.
        case resourceBased
        /// An identity-based (IAM user) policy: statements must not name principals.
        case identityBased
    }

    /// Whether this is a key (resource-based) or IAM (identity-based) policy.
    public let kind: Kind
    /// `Version`, if present (`2012-10-17` or `2008-10-17`).
    public let version: String?
    /// `Id`, if present.
    public let id: String?
    /// The statements, in document order.
    public let statements: [PolicyStatement]

    /// Parses the JSON text of a policy.
    public init(json: String, kind: Kind) throws(PolicyError) {
        try self.init(data: Data(json.utf8), kind: kind)
    }

    /// Parses the JSON bytes of a policy.
    public init(data: Data, kind: Kind) throws(PolicyError) {
        guard let value = JSONValue.parse(data) else { throw .notJSON }
        try self.init(value: value, kind: kind)
    }

    /// Parses an already decoded JSON value (the users file embeds policies).
    init(value: JSONValue, kind: Kind) throws(PolicyError) {
        guard case .object(let object) = value else { throw .notAnObject }
        for name in object.keys where !["Version", "Id", "Statement"].contains(name) {
            throw .unknownElement(name, at: nil)
        }
        switch object["Version"] {
        case .none: self.version = nil
        case .string(let version) where version == "2012-10-17" || version == "2008-10-17": self.version = version
        default: throw .invalidVersion
        }
        switch object["Id"] {
        case .none: self.id = nil
        case .string(let id): self.id = id
        default: throw .invalidId
        }
        let rawStatements: [JSONValue]
        switch object["Statement"] {
        case .object(let single): rawStatements = [.object(single)]
        case .array(let list) where !list.isEmpty: rawStatements = list
        default: throw .missingStatement
        }
        var statements: [PolicyStatement] = []
        statements.reserveCapacity(rawStatements.count)
        for (offset, raw) in rawStatements.enumerated() {
            statements.append(try PolicyStatement.parse(raw, index: offset + 1, kind: kind))
        }
        if kind == .identityBased { try Self.checkUniqueSids(statements) }
        self.kind = kind
        self.statements = statements
    }

    /// IAM requires unique statement ids within an identity policy.
    private static func checkUniqueSids(_ statements: [PolicyStatement]) throws(PolicyError) {
        var seen: Set<String> = []
        for sid in statements.compactMap(\.sid) where !seen.insert(sid).inserted {
            throw .duplicateSid(sid)
        }
    }
}
