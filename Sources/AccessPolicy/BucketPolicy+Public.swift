extension BucketPolicy {
    /// Condition keys whose fixed values make a statement non-public, per the S3 user guide ("The meaning of
    /// public"), lowercased.
    private static let restrictingKeys: Set<String> = [
        "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount",
        "aws:sourceorgid", "aws:sourceorgpaths", "aws:userid", "aws:principalarn", "aws:principalaccount",
        "aws:principalorgid", "aws:principalorgpaths", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
    ]

    /// Whether `document` is public as S3 defines it: some `Allow` statement names everyone (`"*"`, `{"AWS": "*"}`
    /// or a `NotPrincipal`) without a condition that pins one of the restricting keys to fixed values: a positive
    /// String or Arn comparison without wildcards, or an `IpAddress` block no wider than /8 (IPv4) or /32 (IPv6).
    static func isPublic(_ document: PolicyDocument) -> Bool {
        document.statements.contains { statement in
            guard statement.effect == .allow else { return false }
            switch statement.principal {
            case .principal(let set) where set.everyone: break
            case .notPrincipal: break
            default: return false
            }
            return !statement.conditions.contains(where: Self.restricts)
        }
    }

    private static func restricts(_ clause: ConditionClause) -> Bool {
        guard Self.restrictingKeys.contains(clause.key.normalized), !clause.op.ifExists,
            clause.op.qualifier != .forAllValues, !clause.op.base.isNegated
        else { return false }
        switch clause.values {
        case .exact(let values), .ignoringCase(let values): return !values.contains(where: Self.hasWildcard)
        case .like(let globs): return !globs.contains { Self.hasWildcard($0.pattern) }
        case .arn(let patterns): return !patterns.contains { Self.hasWildcard($0.pattern) }
        case .ip(let blocks): return blocks.allSatisfy { $0.prefixLength >= ($0.network.count == 4 ? 8 : 32) }
        case .numeric, .bool, .null: return false
        }
    }

    private static func hasWildcard(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" }
    }
}
