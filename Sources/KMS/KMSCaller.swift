/// Who is calling the key service, and through which door.
///
/// Every operation takes one: it labels the `coffer_kms_requests_total` counter (`caller`), and from #5 on it
/// is the principal that key policies, quotas and the audit trail see.
public struct KMSCaller: Sendable, Equatable {
    /// How the request reached the key service.
    public enum Channel: String, Sendable {
        /// Over the wire: the KMS JSON API.
        case api
        /// From inside the server: the object store asking on a requester's behalf.
        case s3
    }

    /// The principal's ARN, e.g. `arn:aws:iam::111122223333:root`.
    public var principalArn: String
    /// The principal's account id.
    public var accountId: String
    public var channel: Channel

    public init(principalArn: String, accountId: String, channel: Channel) {
        self.principalArn = principalArn
        self.accountId = accountId
        self.channel = channel
    }
}
