/// A condition operator: a base comparison, optionally qualified by a set operator and `...IfExists`.
///
/// Supported bases: the String, Numeric, Bool, Null, Arn and IpAddress families. Date and Binary operators are
/// rejected as unsupported rather than silently ignored, so a policy never means less than it says.
struct ConditionOperator: Sendable, Hashable {
    enum Base: String, Sendable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case bool = "Bool"
        case null = "Null"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"

        /// Negated operators are true when no policy value matches, and when the key is absent.
        var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .arnNotEquals,
                .arnNotLike, .notIpAddress:
                true
            default:
                false
            }
        }

        fileprivate static let byLowercasedName: [String: Base] = Dictionary(
            uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })
    }

    /// How a multi-valued key is compared.
    enum Qualifier: Sendable, Hashable {
        /// A single-valued comparison. For a key that nevertheless has several values, a positive operator
        /// matches when any value matches, and a negated operator when none does.
        case none
        /// `ForAnyValue:`: at least one request value satisfies the operator; false when the key is absent.
        case forAnyValue
        /// `ForAllValues:`: every request value satisfies the operator; true when the key is absent.
        case forAllValues
    }

    /// The operator as written in the policy.
    let name: String
    let base: Base
    let qualifier: Qualifier
    /// `...IfExists`: true when the key is absent, otherwise the base comparison.
    let ifExists: Bool

    /// Parses an operator name; nil when unknown or unsupported. Names are matched case-insensitively.
    init?(_ name: String) {
        var rest = Substring(name.lowercased())
        var qualifier = Qualifier.none
        if rest.hasPrefix("foranyvalue:") {
            qualifier = .forAnyValue
            rest = rest.dropFirst("foranyvalue:".count)
        } else if rest.hasPrefix("forallvalues:") {
            qualifier = .forAllValues
            rest = rest.dropFirst("forallvalues:".count)
        }
        var ifExists = false
        if rest.hasSuffix("ifexists") {
            ifExists = true
            rest = rest.dropLast("ifexists".count)
        }
        guard let base = Base.byLowercasedName[String(rest)] else { return nil }
        // Null tests existence itself: it takes neither a set operator nor IfExists.
        if base == .null, qualifier != .none || ifExists { return nil }
        self.name = name
        self.base = base
        self.qualifier = qualifier
        self.ifExists = ifExists
    }
}
