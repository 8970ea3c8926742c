public import AccessPolicy
public import HTTPSupport

/// The decision on one S3 action by an authenticated principal from its identity policies alone (the root user may do
/// everything; another account is refused), as S3 decides for a bucket without a policy. Bucket policies are not
/// consulted here: the S3 routes decide with them (`S3Controller+Authorization.swift`).
///
/// Public so that routes outside the S3 API that reveal S3 data (the console's object envelope) authorize
/// exactly as S3 does.
public enum S3AccessCheck {
    /// nil when `principal` may perform `action` on `resource`; otherwise AWS's `AccessDenied` message.
    public static func deniedMessage(
        principal: Principal, action: String, resource: String, accountId: String
    ) -> String? {
        let request = AccessRequest(
            principal: principal.reference, action: action, resource: resource, resourceAccount: accountId)
        var decision = PolicyEvaluator.evaluateIdentityOnly(
            request: request, identityPolicies: principal.identityPolicies)
        if decision.isAllowed, principal.accountId != accountId {
            decision = .implicitDeny(DenyReason(policyType: .resourceBased))
        }
        return decision.accessDeniedMessage(for: request)
    }
}
