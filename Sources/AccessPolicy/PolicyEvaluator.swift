/// Decides requests the way AWS KMS and IAM do.
///
/// For an action on a key (KMS developer guide, "Determining access to AWS KMS keys"; IAM user guide,
/// "Policy evaluation logic" and "Cross-account policy evaluation logic"):
/// 1. A `Deny` statement that applies, in the key policy or in any of the caller's identity policies, denies.
/// 2. In the key's own account, the request is allowed when the key policy allows the caller directly (its
///    ARN, `*`, or the account for the root user); or when it allows the caller's account (the
///    `arn:aws:iam::<acct>:root` delegation to IAM) and an identity policy allows the action on the key ARN
///    (the root user needs none).
/// 3. Across accounts, both must allow: the key policy (naming the caller, its account, or `*`) and the
///    caller's identity policy in its own account (the root user needs none).
/// 4. Otherwise a grant for the caller that lists the operation, with its constraints met, allows it.
/// 5. Otherwise the request is implicitly denied: by the resource-based policy when the key policy has no
///    applicable allow, else by the identity-based policy.
///
/// Actions without a key policy (`kms:CreateKey`, `kms:ListKeys`, `kms:ListAliases`, `kms:GenerateRandom`) and
/// S3 actions use identity policies alone: see `evaluateIdentityOnly(request:identityPolicies:)`.
public enum PolicyEvaluator {
    /// Evaluates a request against the key policy, the caller's identity policies and the key's grants.
    ///
    /// - Parameters:
    ///   - request: the request; `resourceAccount` is the key's account.
    ///   - keyPolicy: the key's policy, or nil for an action that has none (then identity policies alone
    ///     decide, as in `evaluateIdentityOnly`).
    ///   - identityPolicies: the caller's IAM policies (none for a root user).
    ///   - grants: the key's grants; only those for the caller and the operation can matter.
    public static func evaluate(
        request: AccessRequest, keyPolicy: PolicyDocument?, identityPolicies: [PolicyDocument],
        grants: [GrantRule] = []
    ) -> AccessDecision {
        guard let keyPolicy else {
            return self.evaluateIdentityOnly(request: request, identityPolicies: identityPolicies)
        }
        var keyMatch = PrincipalSet.Match.none
        var keyStatementId: String?
        for statement in keyPolicy.statements {
            let match = statement.principalMatch(request.principal)
            guard match != .none, statement.applies(to: request) else { continue }
            if statement.effect == .deny {
                return .explicitDeny(DenyReason(policyType: .resourceBased, statementId: statement.sid))
            }
            if match > keyMatch { (keyMatch, keyStatementId) = (match, statement.sid) }
        }
        let identity = IdentityVerdict(request: request, policies: identityPolicies)
        if case .deny(let sid) = identity {
            return .explicitDeny(DenyReason(policyType: .identityBased, statementId: sid))
        }
        let identityAllows = request.principal.isRoot || identity.allows
        if request.isSameAccount, keyMatch == .direct { return .allowed(.keyPolicy(statementId: keyStatementId)) }
        if keyMatch != .none, identityAllows {
            return .allowed(
                .keyPolicyAndIdentityPolicy(
                    keyPolicyStatementId: keyStatementId, identityPolicyStatementId: identity.sid))
        }
        if let grant = grants.first(where: { $0.allows(request) }) { return .allowed(.grant(grantId: grant.grantId)) }
        return .implicitDeny(DenyReason(policyType: keyMatch == .none ? .resourceBased : .identityBased))
    }

    /// Evaluates a request that no resource policy governs: S3 actions, and KMS actions without a key.
    ///
    /// An explicit deny in an identity policy wins; otherwise the root user may do everything, and an IAM user
    /// what an identity policy allows.
    public static func evaluateIdentityOnly(request: AccessRequest, identityPolicies: [PolicyDocument])
        -> AccessDecision
    {
        switch IdentityVerdict(request: request, policies: identityPolicies) {
        case .deny(let sid):
            return .explicitDeny(DenyReason(policyType: .identityBased, statementId: sid))
        case _ where request.principal.isRoot:
            return .allowed(.rootUser)
        case .allow(let sid):
            return .allowed(.identityPolicy(statementId: sid))
        case .none:
            return .implicitDeny(DenyReason(policyType: .identityBased))
        }
    }
}

/// What the caller's identity policies say about a request: the first applicable `Deny` wins over any `Allow`.
private enum IdentityVerdict {
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
