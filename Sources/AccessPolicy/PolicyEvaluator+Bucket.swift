extension PolicyEvaluator {
    /// Decides an S3 request with the bucket policy and the caller's identity policies, as S3 does (IAM user
    /// guide, "Policy evaluation logic"; S3 user guide, "How Amazon S3 authorizes a request"):
    /// 1. A `Deny` that applies, in the bucket policy or in an identity policy, denies.
    /// 2. In the bucket's account, the union decides: an identity policy allows (the root user needs none), or the
    ///    bucket policy names the caller directly (its ARN, or `*`).
    /// 3. From another account, both must allow: the bucket policy (naming the caller, its account or `*`) and the
    ///    caller's identity policy in its own account (its root user needs none).
    /// 4. An anonymous caller needs a bucket policy statement for `*`.
    ///
    /// With `restrictPublicBuckets` (Block Public Access) and a public policy, the policy's allows grant nothing to
    /// anonymous callers and other accounts; its denies still apply.
    ///
    /// - Parameters:
    ///   - request: the request; `resourceAccount` is the bucket's account.
    ///   - bucketPolicy: the bucket's policy, if any.
    ///   - identityPolicies: the caller's IAM policies (none for a root user or an anonymous caller).
    ///   - restrictPublicBuckets: the bucket's RestrictPublicBuckets setting.
    public static func evaluateBucket(
        request: AccessRequest, bucketPolicy: BucketPolicy?, identityPolicies: [PolicyDocument],
        restrictPublicBuckets: Bool = false
    ) -> AccessDecision {
        var resource = ResourceVerdict.allow(.none, nil)
        if let bucketPolicy { resource = ResourceVerdict(request: request, policy: bucketPolicy.document) }
        if case .deny(let sid) = resource {
            return .explicitDeny(DenyReason(policyType: .resourceBased, statementId: sid))
        }
        let identity = IdentityVerdict(request: request, policies: identityPolicies)
        if case .deny(let sid) = identity {
            return .explicitDeny(DenyReason(policyType: .identityBased, statementId: sid))
        }
        var match = resource.match
        if restrictPublicBuckets, bucketPolicy?.isPublic == true, !request.isSameAccount { match = .none }
        let identityAllows = !request.principal.isAnonymous && (request.principal.isRoot || identity.allows)
        if request.isSameAccount {
            if request.principal.isRoot { return .allowed(.rootUser) }
            if identity.allows { return .allowed(.identityPolicy(statementId: identity.sid)) }
            if match == .direct { return .allowed(.bucketPolicy(statementId: resource.sid)) }
            return .implicitDeny(DenyReason(policyType: .identityBased))
        }
        guard match != .none else { return .implicitDeny(DenyReason(policyType: .resourceBased)) }
        if request.principal.isAnonymous { return .allowed(.bucketPolicy(statementId: resource.sid)) }
        guard identityAllows else { return .implicitDeny(DenyReason(policyType: .identityBased)) }
        return .allowed(
            .bucketPolicyAndIdentityPolicy(
                bucketPolicyStatementId: resource.sid, identityPolicyStatementId: identity.sid))
    }
}
