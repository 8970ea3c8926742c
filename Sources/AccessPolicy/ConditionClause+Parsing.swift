extension PolicyStatement {
    /// Parses a `Condition` element: `{operator: {key: value | [values]}}`, one clause per operator and key.
    static func parseConditions(
        _ value: JSONValue?, at location: StatementLocation
    ) throws(PolicyError) -> [ConditionClause] {
        guard let value else { return [] }
        guard case .object(let operators) = value else {
            throw .invalidCondition("Condition must be an object of condition operators.", at: location)
        }
        var clauses: [ConditionClause] = []
        for (operatorName, block) in operators {
            guard let op = ConditionOperator(operatorName) else {
                throw .unknownConditionOperator(operatorName, at: location)
            }
            guard case .object(let keys) = block, !keys.isEmpty else {
                throw .invalidCondition(
                    "Condition operator \(operatorName) must map condition keys to values.", at: location)
            }
            for (key, rawValues) in keys {
                clauses.append(try ConditionClause.parse(op: op, key: key, rawValues: rawValues, at: location))
            }
        }
        return clauses
    }
}

extension ConditionClause {
    /// Compiles one operator/key pair, checking the values against the operator's type.
    static func parse(
        op: ConditionOperator, key: String, rawValues: JSONValue, at location: StatementLocation
    ) throws(PolicyError) -> ConditionClause {
        guard Self.isValidKey(key) else { throw .invalidConditionKey(key, at: location) }
        func invalid(_ detail: String) -> PolicyError {
            .invalidConditionValue(detail, operator: op.name, key: key, at: location)
        }
        let scalars: [JSONValue]
        switch rawValues {
        case .array(let items) where !items.isEmpty: scalars = items
        case .array: throw invalid("the value list must not be empty.")
        default: scalars = [rawValues]
        }
        var texts: [String] = []
        for scalar in scalars {
            guard let text = scalar.scalarText else {
                throw invalid("values must be strings, numbers or booleans, or a non-empty array of them.")
            }
            texts.append(text)
        }
        return ConditionClause(
            op: op, key: ConditionKeyName(key), values: try Self.compile(texts, for: op.base, invalid: invalid))
    }

    private static func compile(
        _ texts: [String], for base: ConditionOperator.Base, invalid: (String) -> PolicyError
    ) throws(PolicyError) -> ValueMatcher {
        switch base {
        case .stringEquals, .stringNotEquals:
            return .exact(texts)
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase:
            return .ignoringCase(texts.map { $0.lowercased() })
        case .stringLike, .stringNotLike:
            return .like(texts.map(Glob.init))
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            var numbers: [Double] = []
            for text in texts {
                guard let number = Double(text) else { throw invalid("'\(text)' is not a number.") }
                numbers.append(number)
            }
            return .numeric(numbers)
        case .bool, .null:
            var flags: [Bool] = []
            for text in texts {
                guard let flag = CaseFolding.bool(text) else { throw invalid("'\(text)' is not true or false.") }
                flags.append(flag)
            }
            return base == .bool ? .bool(flags) : .null(flags)
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike:
            return .arn(texts.map(ArnPattern.init))
        case .ipAddress, .notIpAddress:
            var blocks: [IPBlock] = []
            for text in texts {
                guard let block = IPBlock(text) else { throw invalid("'\(text)' is not an IP address or CIDR block.") }
                blocks.append(block)
            }
            return .ip(blocks)
        }
    }

    /// `vendor:name`, e.g. `kms:ViaService`, `aws:PrincipalArn`, `kms:EncryptionContext:aws:s3:arn`.
    private static func isValidKey(_ key: String) -> Bool {
        guard let colon = key.firstIndex(of: ":") else { return false }
        return colon != key.startIndex && key.index(after: colon) != key.endIndex
    }
}
