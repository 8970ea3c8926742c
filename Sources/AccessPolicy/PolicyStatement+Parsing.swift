extension PolicyStatement {
    private static let elementNames: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    /// Parses and compiles the statement at 1-based `index`.
    static func parse(_ value: JSONValue, index: Int, kind: PolicyDocument.Kind) throws(PolicyError) -> PolicyStatement
    {
        var location = StatementLocation(index: index)
        guard case .object(let object) = value else { throw .invalidStatement(at: location) }
        switch object["Sid"] {
        case .none: break
        case .string(let sid): location.sid = sid
        default: throw .invalidSid(at: location)
        }
        for name in object.keys where !Self.elementNames.contains(name) { throw .unknownElement(name, at: location) }
        let effect: Effect
        switch object["Effect"] {
        case .string("Allow"): effect = .allow
        case .string("Deny"): effect = .deny
        default: throw .invalidEffect(at: location)
        }
        return PolicyStatement(
            sid: location.sid, effect: effect, principal: try Self.parsePrincipal(object, kind: kind, at: location),
            actions: try Self.parseActions(object, at: location),
            resources: try Self.parseResources(object, at: location),
            conditions: try Self.parseConditions(object["Condition"], at: location))
    }

    private static func parsePrincipal(
        _ object: [String: JSONValue], kind: PolicyDocument.Kind, at location: StatementLocation
    ) throws(PolicyError) -> PrincipalElement? {
        switch (object["Principal"], object["NotPrincipal"]) {
        case (.some, .some):
            throw .principalAndNotPrincipal(at: location)
        case (.none, .none):
            if kind == .resourceBased { throw .missingPrincipal }
            return nil
        case (.some(let value), .none):
            if kind == .identityBased { throw .prohibitedPrincipal }
            return .principal(try PrincipalSet.parse(value))
        case (.none, .some(let value)):
            if kind == .identityBased { throw .prohibitedPrincipal }
            return .notPrincipal(try PrincipalSet.parse(value))
        }
    }

    private static func parseActions(
        _ object: [String: JSONValue], at location: StatementLocation
    ) throws(PolicyError) -> ActionElement {
        let (value, negated): (JSONValue, Bool)
        switch (object["Action"], object["NotAction"]) {
        case (.some, .some): throw .actionAndNotAction(at: location)
        case (.none, .none): throw .missingAction(at: location)
        case (.some(let action), .none): (value, negated) = (action, false)
        case (.none, .some(let notAction)): (value, negated) = (notAction, true)
        }
        guard let actions = value.stringList else { throw .missingAction(at: location) }
        var patterns: [Glob] = []
        for action in actions {
            guard Self.isValidAction(action) else { throw .invalidAction(action, at: location) }
            patterns.append(Glob(action.lowercased()))
        }
        return ActionElement(patterns: patterns, negated: negated)
    }

    /// `*`, or `vendor:pattern` with a non-empty vendor of letters, digits and `-`, and a non-empty pattern
    /// without further colons.
    private static func isValidAction(_ action: String) -> Bool {
        if action == "*" { return true }
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return parts[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    private static func parseResources(
        _ object: [String: JSONValue], at location: StatementLocation
    ) throws(PolicyError) -> ResourceElement {
        let (value, negated): (JSONValue, Bool)
        switch (object["Resource"], object["NotResource"]) {
        case (.some, .some): throw .resourceAndNotResource(at: location)
        case (.none, .none): throw .missingResource(at: location)
        case (.some(let resource), .none): (value, negated) = (resource, false)
        case (.none, .some(let notResource)): (value, negated) = (notResource, true)
        }
        guard let resources = value.stringList, !resources.contains(where: \.isEmpty) else {
            throw .invalidResource(at: location)
        }
        return ResourceElement(patterns: resources.map(ArnPattern.init), negated: negated)
    }
}
