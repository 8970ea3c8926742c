import AccessPolicy
import KMSQuota

/// The choke point of every operation on a key: who may call it, in which key state, and how often.
///
/// Evaluation uses the key's policy and grants as parsed when they were stored, and the caller's identity
/// policies as parsed when the users file was loaded: nothing is parsed per call.
extension KeyManagementService {
    /// Admits `caller`'s call of `operation` on a resolved `key`, in AWS's order: authorization (key policy,
    /// identity policies, grants; AccessDeniedException), then the key state (DisabledException,
    /// KMSInvalidStateException), then the request quota of a cryptographic operation (ThrottlingException).
    /// Notes the key for the call's audit event first, so denied calls name it too.
    ///
    /// A denied call is charged to the quota too, so a principal without permissions is throttled at the same rate
    /// as one with them: ThrottlingException once over the quota, which also bounds the audit events it causes.
    ///
    /// - Parameters:
    ///   - action: the IAM action when it is not `kms:<operation>` (ReEncrypt's `kms:ReEncryptFrom`/`To`).
    ///   - encryptionContext: the request's context for a symmetric cryptographic operation, else nil.
    ///   - conditions: further condition keys of the request (`kms:GrantOperations`, ...).
    ///   - chargesQuota: false for the second key of a ReEncrypt whose family was already charged.
    func admit(
        _ key: KMSKey, for operation: KMSOperation, caller: KMSCaller, action: String? = nil,
        encryptionContext: [String: String]? = nil, conditions: [String: ConditionValue] = [:],
        chargesQuota: Bool = true
    ) throws(KMSError) {
        caller.trace?.touched(key.arn)
        do {
            try authorize(
                key, action: action ?? KMSAction.name(of: operation), caller: caller,
                encryptionContext: encryptionContext, conditions: conditions)
        } catch {
            if chargesQuota { try chargeQuota(operation, keySpec: key.keySpec, caller: caller) }
            throw error
        }
        try key.lifecycle.permit(operation, arn: key.arn)
        if chargesQuota { try chargeQuota(operation, keySpec: key.keySpec, caller: caller) }
    }

    /// Evaluates `action` on `key` for `caller`; throws AccessDeniedException with AWS's message when denied.
    func authorize(
        _ key: KMSKey, action: String, caller: KMSCaller, encryptionContext: [String: String]? = nil,
        conditions: [String: ConditionValue] = [:]
    ) throws(KMSError) {
        let request = AccessRequest(
            principal: caller.principal, action: action, resource: key.arn, resourceAccount: configuration.accountId,
            encryptionContext: encryptionContext, context: conditionContext(caller, conditions))
        let decision = PolicyEvaluator.evaluate(
            request: request, keyPolicy: key.policyDocument, identityPolicies: caller.identityPolicies,
            grants: key.grants.rules)
        if let message = decision.accessDeniedMessage(for: request) { throw .init(.accessDenied, message) }
    }

    /// Authorizes an action that has no key, hence no key policy (`kms:CreateKey`, `kms:ListKeys`,
    /// `kms:ListAliases`, `kms:GenerateRandom`): the caller's identity policies decide, on resource `*`.
    func authorizeWithoutKey(_ operation: KMSOperation, caller: KMSCaller) throws(KMSError) {
        let request = AccessRequest(
            principal: caller.principal, action: KMSAction.name(of: operation), resource: "*",
            context: conditionContext(caller, [:]))
        let decision = PolicyEvaluator.evaluate(
            request: request, keyPolicy: nil, identityPolicies: caller.identityPolicies)
        if let message = decision.accessDeniedMessage(for: request) { throw .init(.accessDenied, message) }
    }

    /// Charges one call of `operation` with a key of `keySpec` (nil: no key) to the caller's account, or throws
    /// ThrottlingException. Operations outside the three quota families are never throttled.
    func chargeQuota(_ operation: KMSOperation, keySpec: KeySpec?, caller: KMSCaller) throws(KMSError) {
        guard let family = QuotaFamily(operation: operation.rawValue, keySpec: keySpec?.rawValue) else { return }
        try charge(family, caller: caller)
    }

    /// Takes one token of `family` from the caller's account, or throws ThrottlingException.
    func charge(_ family: QuotaFamily, caller: KMSCaller) throws(KMSError) {
        caller.trace?.charged()
        guard quotas.admit(account: caller.accountId, family: family) else { throw .throttled }
    }

    /// The quota family of `operation` with a key of `keySpec`, if any.
    static func quotaFamily(_ operation: KMSOperation, _ keySpec: KeySpec) -> QuotaFamily? {
        QuotaFamily(operation: operation.rawValue, keySpec: keySpec.rawValue)
    }

    /// The request's condition keys: S3's calls carry `kms:ViaService`; `conditions` add to them.
    private func conditionContext(_ caller: KMSCaller, _ conditions: [String: ConditionValue])
        -> [String: ConditionValue]
    {
        guard caller.channel == .s3 else { return conditions }
        guard !conditions.isEmpty else { return viaS3Context }
        return viaS3Context.merging(conditions) { _, new in new }
    }
}

extension KMSError {
    /// `ThrottlingException` with AWS's message.
    public static let throttled = KMSError(.throttling, RequestQuotas.throttlingMessage)
}
