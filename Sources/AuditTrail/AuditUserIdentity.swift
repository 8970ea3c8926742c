/// Who made a KMS call: CloudTrail's `userIdentity` element.
///
/// For a call S3 makes on a requester's behalf, describe the requester (type, ARN, account, access key) and
/// set `invokedBy` to `s3.amazonaws.com`; AWS records those calls the same way.
public struct AuditUserIdentity: Codable, Sendable, Hashable {
    /// CloudTrail's identity types that Coffer produces.
    public enum IdentityType: String, Codable, Sendable, Hashable {
        /// The account's root credentials (`arn:aws:iam::<account>:root`).
        case root = "Root"
        /// An IAM user (`arn:aws:iam::<account>:user/<name>`).
        case iamUser = "IAMUser"
        /// A role session.
        case assumedRole = "AssumedRole"
        /// A principal of another account, as the key owner's trail shows it.
        case awsAccount = "AWSAccount"
        /// A service acting on its own (for example scheduled deletion or rotation).
        case awsService = "AWSService"
    }

    /// S3's service principal, the `invokedBy` of every call S3 makes on a requester's behalf.
    public static let s3ServicePrincipal = "s3.amazonaws.com"
    /// KMS's own service principal, for events of the key service's background jobs.
    public static let kmsServicePrincipal = "kms.amazonaws.com"

    /// The identity type.
    public var type: IdentityType
    /// A stable identifier of the principal (the account id for root, a user id otherwise).
    public var principalId: String?
    /// The principal's ARN; absent for `AWSService`.
    public var arn: String?
    /// The principal's account id; absent for `AWSService`.
    public var accountId: String?
    /// The access key id the request was signed with; never the secret key.
    public var accessKeyId: String?
    /// The IAM user name, for `IAMUser`.
    public var userName: String?
    /// The service that made the call on the principal's behalf (`s3.amazonaws.com`).
    public var invokedBy: String?

    /// Creates an identity.
    public init(
        type: IdentityType, principalId: String? = nil, arn: String? = nil, accountId: String? = nil,
        accessKeyId: String? = nil, userName: String? = nil, invokedBy: String? = nil
    ) {
        self.type = type
        self.principalId = principalId
        self.arn = arn
        self.accountId = accountId
        self.accessKeyId = accessKeyId
        self.userName = userName
        self.invokedBy = invokedBy
    }
}
