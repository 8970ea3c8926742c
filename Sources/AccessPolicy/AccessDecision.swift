/// The outcome of evaluating a request, with the reason AWS would give.
public enum AccessDecision: Sendable, Hashable {
    /// Some policy or grant allows the request, and nothing denies it.
    case allowed(AllowReason)
    /// Nothing allows the request; `DenyReason.policyType` says which kind of policy is missing an allow.
    case implicitDeny(DenyReason)
    /// A `Deny` statement applies.
    case explicitDeny(DenyReason)

    /// Whether the request may proceed.
    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

/// Which kind of policy a reason refers to, in AWS's wording.
public enum PolicyType: String, Sendable, Hashable {
    /// An IAM policy attached to the caller: "identity-based policy".
    case identityBased = "identity-based"
    /// A policy attached to the resource, a key policy or a bucket policy: "resource-based policy".
    case resourceBased = "resource-based"
}

/// Why a request was allowed.
public enum AllowReason: Sendable, Hashable {
    /// The key policy names the caller (by ARN, by `*`, or, for the root user, by its account).
    case keyPolicy(statementId: String?)
    /// The key policy allows the caller's account and the caller's identity policy allows the action:
    /// delegation to IAM in the key's account, or cross-account access.
    case keyPolicyAndIdentityPolicy(keyPolicyStatementId: String?, identityPolicyStatementId: String?)
    /// A grant for the caller lists the operation and its constraints hold.
    case grant(grantId: String)
    /// An identity policy allows an action that has no resource policy (IAM-only KMS actions, S3 actions).
    case identityPolicy(statementId: String?)
    /// The bucket policy names the caller (by ARN or `*`): enough in the bucket's account, and for anonymous
    /// callers.
    case bucketPolicy(statementId: String?)
    /// Cross-account S3 access: the bucket policy allows the caller or its account, and the caller's identity
    /// policy allows the action.
    case bucketPolicyAndIdentityPolicy(bucketPolicyStatementId: String?, identityPolicyStatementId: String?)
    /// The account's root user, which needs no identity policy in its own account, for an action without a
    /// resource policy (or, across accounts, on the identity side).
    case rootUser
}

/// Why a request was denied: which kind of policy, and for an explicit deny which statement.
public struct DenyReason: Sendable, Hashable {
    /// The kind of policy that denies, or that lacks an allow.
    public let policyType: PolicyType
    /// The `Sid` of the denying statement (explicit denies only).
    public let statementId: String?

    /// Creates a reason; `statementId` only for explicit denies.
    public init(policyType: PolicyType, statementId: String? = nil) {
        self.policyType = policyType
        self.statementId = statementId
    }
}

extension AccessDecision {
    /// AWS's `AccessDeniedException` message for a denied `request`, or nil when allowed.
    ///
    /// The shapes are those of AWS's access-denied messages (IAM user guide, "Troubleshoot access denied
    /// error messages"), e.g. `User: arn:aws:iam::111122223333:user/bob is not authorized to perform:
    /// kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/... because no resource-based policy
    /// allows the kms:Decrypt action`.
    public func accessDeniedMessage(for request: AccessRequest) -> String? {
        let subject =
            "User: \(request.principal.arn) is not authorized to perform: \(request.action) "
            + "on resource: \(request.resource)"
        switch self {
        case .allowed:
            return nil
        case .implicitDeny(let reason):
            return "\(subject) because no \(reason.policyType.rawValue) policy allows the \(request.action) action"
        case .explicitDeny(let reason):
            let article = reason.policyType == .identityBased ? "an" : "a"
            return "\(subject) with an explicit deny in \(article) \(reason.policyType.rawValue) policy"
        }
    }
}
