extension PolicyEvaluator {
    /// The KMS action the lockout safety check asks about.
    static let putKeyPolicyAction = "kms:PutKeyPolicy"

    /// Whether installing `newPolicy` would stop `caller` from calling PutKeyPolicy on the key afterwards.
    ///
    /// This is AWS's key policy lockout safety check (KMS API reference, `PutKeyPolicy` and `CreateKey`:
    /// "the key policy must allow the principal that is making the request to make a subsequent
    /// PutKeyPolicy request on the KMS key"). It evaluates a PutKeyPolicy request by `caller` against the new
    /// policy with the full rules, delegation to IAM included: a root caller passes whenever the policy allows
    /// its account; an IAM user whose account is delegated to also needs an identity policy allowing
    /// `kms:PutKeyPolicy` on the key. Grants cannot allow PutKeyPolicy and are not consulted.
    ///
    /// - Parameters:
    ///   - newPolicy: the policy being installed by CreateKey or PutKeyPolicy.
    ///   - caller: the principal making that request.
    ///   - identityPolicies: the caller's identity policies.
    ///   - keyArn: the key's ARN (for CreateKey, the ARN the new key will have).
    ///   - keyAccount: the key's account.
    ///   - context: condition keys of the current request (`kms:ViaService`, ...), used for the hypothetical
    ///     PutKeyPolicy as well.
    public static func wouldLockOut(
        newPolicy: PolicyDocument, caller: PrincipalRef, identityPolicies: [PolicyDocument], keyArn: String,
        keyAccount: String, context: [String: ConditionValue] = [:]
    ) -> Bool {
        let request = AccessRequest(
            principal: caller, action: self.putKeyPolicyAction, resource: keyArn, resourceAccount: keyAccount,
            context: context)
        return !self.evaluate(request: request, keyPolicy: newPolicy, identityPolicies: identityPolicies).isAllowed
    }

    /// Throws `PolicyError.lockout` when `wouldLockOut` is true; call it unless the request sets
    /// `BypassPolicyLockoutSafetyCheck`.
    public static func checkLockoutSafety(
        newPolicy: PolicyDocument, caller: PrincipalRef, identityPolicies: [PolicyDocument], keyArn: String,
        keyAccount: String, context: [String: ConditionValue] = [:]
    ) throws(PolicyError) {
        if self.wouldLockOut(
            newPolicy: newPolicy, caller: caller, identityPolicies: identityPolicies, keyArn: keyArn,
            keyAccount: keyAccount, context: context)
        {
            throw .lockout
        }
    }
}
