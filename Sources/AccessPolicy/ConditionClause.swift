/// One compiled condition: one operator applied to one key, with the policy's values for it.
///
/// A statement's clauses are ANDed; the values of one clause are ORed (for negated operators: none may
/// match). See the IAM user guide, "Condition operators" and "Single-valued vs. multivalued context keys".
final class ConditionClause: Sendable {
    let op: ConditionOperator
    let key: ConditionKeyName
    let values: ValueMatcher

    init(op: ConditionOperator, key: ConditionKeyName, values: ValueMatcher) {
        self.op = op
        self.key = key
        self.values = values
    }

    /// The policy's values, compiled for the operator's family.
    enum ValueMatcher: Sendable, Hashable {
        case exact([String])
        /// Lowercased policy values.
        case ignoringCase([String])
        case like([Glob])
        case numeric([Double])
        case bool([Bool])
        /// `true` means "the key must be absent".
        case null([Bool])
        case arn([ArnPattern])
        case ip([IPBlock])
    }

    /// Whether the request satisfies this clause.
    func isSatisfied(by request: AccessRequest) -> Bool {
        let requestValues = RequestValues.lookup(self.key, in: request)
        if case .null(let expectations) = self.values {
            return expectations.contains(requestValues.isAbsent)
        }
        if requestValues.isAbsent {
            if self.op.ifExists { return true }
            switch self.op.qualifier {
            case .none: return self.op.base.isNegated
            case .forAnyValue: return false
            case .forAllValues: return true
            }
        }
        let negated = self.op.base.isNegated
        switch self.op.qualifier {
        case .none:
            return requestValues.contains(where: self.matchesAnyPolicyValue) != negated
        case .forAnyValue:
            return requestValues.contains { self.matchesAnyPolicyValue($0) != negated }
        case .forAllValues:
            return requestValues.allSatisfy { self.matchesAnyPolicyValue($0) != negated }
        }
    }

    /// The positive comparison of one request value against the policy's values (ORed).
    private func matchesAnyPolicyValue(_ value: String) -> Bool {
        switch self.values {
        case .exact(let expected):
            return expected.contains { UTF8Bytes.equal($0, value) }
        case .ignoringCase(let expected):
            return expected.contains { CaseFolding.equals(value, lowercased: $0) }
        case .like(let globs):
            return globs.contains { $0.matches(value) }
        case .numeric(let numbers):
            guard let number = Double(value) else { return false }
            return numbers.contains { Self.compare(number, $0, self.op.base) }
        case .bool(let flags):
            guard let flag = CaseFolding.bool(value) else { return false }
            return flags.contains(flag)
        case .null:
            return false
        case .arn(let patterns):
            return patterns.contains { $0.matches(value) }
        case .ip(let blocks):
            return blocks.contains { $0.contains(value) }
        }
    }

    private static func compare(_ value: Double, _ policy: Double, _ base: ConditionOperator.Base) -> Bool {
        switch base {
        case .numericEquals, .numericNotEquals: value == policy
        case .numericLessThan: value < policy
        case .numericLessThanEquals: value <= policy
        case .numericGreaterThan: value > policy
        case .numericGreaterThanEquals: value >= policy
        default: false
        }
    }
}

/// A condition key as compiled from a policy: its lowercased name and, for keys the engine derives from the
/// request, which one.
struct ConditionKeyName: Sendable, Hashable {
    enum Derived: Sendable, Hashable {
        case none
        case principalArn
        case principalAccount
        /// `aws:username`: the IAM user's name; absent for root users and anonymous callers.
        case username
        case encryptionContextKeys
        /// `kms:EncryptionContext:<key>`, with the lowercased encryption-context key.
        case encryptionContextValue(String)
    }

    /// The key as written in the policy.
    let name: String
    /// The key lowercased: condition keys are case-insensitive, including the `<key>` part of
    /// `kms:EncryptionContext:<key>` (KMS developer guide, "Case sensitivity of the encryption context
    /// condition").
    let normalized: String
    let derived: Derived

    init(_ name: String) {
        self.name = name
        self.normalized = name.lowercased()
        let encryptionContextPrefix = "kms:encryptioncontext:"
        switch self.normalized {
        case "aws:principalarn": self.derived = .principalArn
        case "aws:principalaccount", "kms:calleraccount": self.derived = .principalAccount
        case "aws:username": self.derived = .username
        case "kms:encryptioncontextkeys": self.derived = .encryptionContextKeys
        case let key where key.hasPrefix(encryptionContextPrefix):
            self.derived = .encryptionContextValue(String(key.dropFirst(encryptionContextPrefix.count)))
        default: self.derived = .none
        }
    }
}
