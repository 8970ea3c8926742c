/// A resource an event touched: CloudTrail's `resources[]` element, always a KMS key here.
public struct AuditResource: Codable, Sendable, Hashable {
    /// CloudTrail's resource type of a KMS key.
    public static let kmsKeyType = "AWS::KMS::Key"

    /// The account that owns the resource.
    public var accountId: String
    /// The resource type, `AWS::KMS::Key`.
    public var type: String
    /// The resource's ARN, e.g. `arn:aws:kms:us-east-1:111122223333:key/<uuid>`.
    public var arn: String

    private enum CodingKeys: String, CodingKey {
        case accountId
        case type
        case arn = "ARN"
    }

    /// Creates a resource, a KMS key by default.
    public init(accountId: String, arn: String, type: String = Self.kmsKeyType) {
        self.accountId = accountId
        self.type = type
        self.arn = arn
    }

    /// The KMS key with `arn`, whose account is read from the ARN (`arn:aws:kms:<region>:<account>:key/<id>`).
    public static func kmsKey(arn: String) -> AuditResource {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let account = parts.count > 4 ? String(parts[4]) : ""
        return AuditResource(accountId: account, arn: arn)
    }
}
