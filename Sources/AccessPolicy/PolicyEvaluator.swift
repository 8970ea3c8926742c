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
/// Actions without a key policy (`kms:CreateKey`, `kms:ListKeys`, `kms:ListAliases`, `kms:GenerateRandom`) use
/// identity policies alone: see `evaluateIdentityOnly(request:identityPolicies:)`. S3 actions are decided with the
/// bucket policy by the same rules, adapted to S3 (`evaluateBucket`, in `PolicyEvaluator+Bucket.swift`).
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
        let resource = ResourceVerdict(request: request, policy: keyPolicy)
        if case .deny(let sid) = resource {
            return .explicitDeny(DenyReason(policyType: .resourceBased, statementId: sid))
        }
        let (keyMatch, keyStatementId) = (resource.match, resource.sid)
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

    /// Evaluates a request that no resource policy governs: KMS actions without a key, S3 actions on a bucket
    /// without a policy.
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
