/// One compiled statement of a policy document.
///
/// Patterns are compiled and actions lowercased at parse time, so matching a request allocates nothing.
public final class PolicyStatement: Sendable {
    /// `Allow` or `Deny`.
    public enum Effect: String, Sendable, Hashable {
        case allow = "Allow"
        case deny = "Deny"
    }

    /// The statement id, if any.
    public let sid: String?
    /// Whether the statement allows or denies.
    public let effect: Effect
    /// `Principal` or `NotPrincipal`; nil in identity-based policies.
    let principal: PrincipalElement?
    let actions: ActionElement
    let resources: ResourceElement
    /// ANDed.
    let conditions: [ConditionClause]

    init(
        sid: String?, effect: Effect, principal: PrincipalElement?, actions: ActionElement, resources: ResourceElement,
        conditions: [ConditionClause]
    ) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
    }

    enum PrincipalElement: Sendable, Hashable {
        case principal(PrincipalSet)
        case notPrincipal(PrincipalSet)
    }

    /// `Action` or `NotAction`, lowercased: service prefixes and action names are case-insensitive.
    struct ActionElement: Sendable, Hashable {
        let patterns: [Glob]
        let negated: Bool

        func matches(normalizedAction: String) -> Bool {
            self.patterns.contains { $0.matches(normalizedAction) } != self.negated
        }
    }

    /// `Resource` or `NotResource`, case-sensitive.
    struct ResourceElement: Sendable, Hashable {
        let patterns: [ArnPattern]
        let negated: Bool

        func matches(_ resource: String) -> Bool {
            self.patterns.contains { $0.matches(resource) } != self.negated
        }
    }
}

extension PolicyStatement {
    /// How the statement's principal element covers `principal`. Identity-based statements (no element)
    /// apply to the identity they are attached to: `.direct`.
    func principalMatch(_ principal: PrincipalRef) -> PrincipalSet.Match {
        switch self.principal {
        case .none: .direct
        case .principal(let set): set.match(principal)
        case .notPrincipal(let set): set.exempts(principal) ? .none : .direct
        }
    }

    /// Whether the action, resource and conditions of `request` fall under this statement (the principal is
    /// checked separately).
    func applies(to request: AccessRequest) -> Bool {
        self.actions.matches(normalizedAction: request.normalizedAction)
            && self.resources.matches(request.resource)
            && self.conditions.allSatisfy { $0.isSatisfied(by: request) }
    }
}
