public import AccessPolicy
public import HTTPSupport

/// The decision on one S3 action by an authenticated principal, as S3 makes it for every request (identity
/// policies; the root user may do everything; another account is refused without a bucket policy).
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
