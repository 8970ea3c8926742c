public import AccessPolicy

/// Who is calling the key service, and through which door.
///
/// Every operation takes one: it labels the `coffer_kms_requests_total` counter (`caller`), and it is the
/// principal that key policies, request quotas and the audit trail see. Its identity policies come with the
/// principal (parsed once, when the users file was loaded), so authorization parses nothing per call.
public struct KMSCaller: Sendable {
    /// How the request reached the key service.
    public enum Channel: String, Sendable {
        /// Over the wire: the KMS JSON API.
        case api
        /// From inside the server: the object store asking on a requester's behalf. Policies see
        /// `kms:ViaService = s3.<region>.amazonaws.com`, and the audit trail `invokedBy: s3.amazonaws.com`.
        case s3
    }

    /// The principal's ARN, e.g. `arn:aws:iam::111122223333:root`.
    public var principalArn: String
    /// The principal's account id; request quotas are charged to it.
    public var accountId: String
    /// How the request reached the key service.
    public var channel: Channel
    /// The caller's IAM identity policies; empty for a root user.
    public var identityPolicies: [PolicyDocument]
    /// The access key id the request was signed with, for the audit trail (never the secret).
    public var accessKeyId: String?
    /// The id of the request returned to the client (for S3's calls, the S3 request's), for the audit trail.
    public var requestId: String?
    /// The client's user agent, for the audit trail.
    public var userAgent: String?

    /// The in-flight call's record of the keys it resolved, set by the service for the audit trail.
    var trace: KMSCallTrace?

    /// Creates a caller; the audit fields are optional.
    public init(
        principalArn: String, accountId: String, channel: Channel, identityPolicies: [PolicyDocument] = [],
        accessKeyId: String? = nil, requestId: String? = nil, userAgent: String? = nil
    ) {
        self.principalArn = principalArn
        self.accountId = accountId
        self.channel = channel
        self.identityPolicies = identityPolicies
        self.accessKeyId = accessKeyId
        self.requestId = requestId
        self.userAgent = userAgent
    }

    /// Whether the caller is an account's root user (`arn:aws:iam::<account>:root`).
    public var isRoot: Bool { principalArn.hasPrefix("arn:aws:iam::") && principalArn.hasSuffix(":root") }

    /// The caller as policy evaluation sees it.
    public var principal: PrincipalRef { PrincipalRef(arn: principalArn, accountId: accountId, isRoot: isRoot) }
}
