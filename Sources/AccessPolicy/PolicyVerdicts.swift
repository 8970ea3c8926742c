/// What the caller's identity policies say about a request: the first applicable `Deny` wins over any `Allow`.
enum IdentityVerdict {
    case none
    case allow(String?)
    case deny(String?)

    init(request: AccessRequest, policies: [PolicyDocument]) {
        var verdict = IdentityVerdict.none
        for policy in policies {
            for statement in policy.statements where statement.applies(to: request) {
                switch statement.effect {
                case .deny:
                    self = .deny(statement.sid)
                    return
                case .allow:
                    if case .none = verdict { verdict = .allow(statement.sid) }
                }
            }
        }
        self = verdict
    }

    var allows: Bool {
        if case .allow = self { return true }
        return false
    }

    var sid: String? {
        switch self {
        case .none: nil
        case .allow(let sid), .deny(let sid): sid
        }
    }
}

/// What a resource policy (key policy, bucket policy) says about a request: the first applicable `Deny` wins;
/// otherwise the strongest principal match among the applicable `Allow` statements.
enum ResourceVerdict {
    case deny(String?)
    case allow(PrincipalSet.Match, String?)

    init(request: AccessRequest, policy: PolicyDocument) {
        var best = PrincipalSet.Match.none
        var bestSid: String?
        for statement in policy.statements {
            let match = statement.principalMatch(request.principal)
            guard match != .none, statement.applies(to: request) else { continue }
            if statement.effect == .deny {
                self = .deny(statement.sid)
                return
            }
            if match > best { (best, bestSid) = (match, statement.sid) }
        }
        self = .allow(best, bestSid)
    }

    /// How the applicable `Allow` statements cover the caller (`.none` after a deny).
    var match: PrincipalSet.Match {
        if case .allow(let match, _) = self { return match }
        return .none
    }

    /// The statement id of the deny, or of the best allow.
    var sid: String? {
        switch self {
        case .deny(let sid), .allow(_, let sid): sid
        }
    }
}
