/// The value of one condition key in a request's context.
///
/// Booleans are the strings `true`/`false`, numbers their decimal spelling, as in AWS's request context.
/// A multi-valued key (`kms:EncryptionContextKeys`, `kms:GrantOperations`) is `.multiple`; an empty
/// `.multiple` counts as absent.
public enum ConditionValue: Sendable, Hashable {
    /// A single-valued key.
    case single(String)
    /// A multi-valued key, for `ForAnyValue:` / `ForAllValues:`.
    case multiple([String])

    /// A boolean key such as `kms:GrantIsForAWSResource`.
    public static func bool(_ value: Bool) -> ConditionValue { .single(value ? "true" : "false") }
}

extension ConditionValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .single(value) }
}

extension ConditionValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension ConditionValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: String...) { self = .multiple(elements) }
}

/// Names of the condition keys the engine knows, spelled as AWS documents them (keys are case-insensitive).
///
/// The engine derives `aws:PrincipalArn`, `aws:PrincipalAccount`, `kms:CallerAccount`,
/// `kms:EncryptionContext:<key>` and `kms:EncryptionContextKeys` from the request itself; the others come from
/// `AccessRequest.context`.
public enum ConditionKey {
    /// The caller's ARN (derived).
    public static let principalArn = "aws:PrincipalArn"
    /// The caller's account id (derived).
    public static let principalAccount = "aws:PrincipalAccount"
    /// The caller's account id (derived), KMS's spelling.
    public static let callerAccount = "kms:CallerAccount"
    /// The keys of the request's encryption context (derived, multi-valued).
    public static let encryptionContextKeys = "kms:EncryptionContextKeys"
    /// The service that made the call on the principal's behalf, e.g. `s3.us-east-1.amazonaws.com`.
    public static let viaService = "kms:ViaService"
    /// Whether CreateGrant/ListGrants/RevokeGrant is made by an integrated AWS service (`true`/`false`).
    public static let grantIsForAWSResource = "kms:GrantIsForAWSResource"
    /// The operations of the grant being created (multi-valued).
    public static let grantOperations = "kms:GrantOperations"
    /// The `BypassPolicyLockoutSafetyCheck` parameter of CreateKey/PutKeyPolicy (`true`/`false`).
    public static let bypassPolicyLockoutSafetyCheck = "kms:BypassPolicyLockoutSafetyCheck"

    /// The IAM user's name (derived; absent for root users and anonymous callers).
    public static let username = "aws:username"
    /// Whether the request arrived over TLS (`true`/`false`).
    public static let secureTransport = "aws:SecureTransport"
    /// The caller's IP address, for `IpAddress`/`NotIpAddress`.
    public static let sourceIp = "aws:SourceIp"
    /// S3: the `x-amz-server-side-encryption` header of PutObject, CopyObject and CreateMultipartUpload.
    public static let s3ServerSideEncryption = "s3:x-amz-server-side-encryption"
    /// S3: the `x-amz-server-side-encryption-aws-kms-key-id` header of the same operations.
    public static let s3ServerSideEncryptionKMSKeyId = "s3:x-amz-server-side-encryption-aws-kms-key-id"
    /// S3: ListObjects' `prefix` parameter.
    public static let s3Prefix = "s3:prefix"
    /// S3: ListObjects' `max-keys` parameter.
    public static let s3MaxKeys = "s3:max-keys"
    /// S3: ListObjects' `delimiter` parameter.
    public static let s3Delimiter = "s3:delimiter"

    /// `kms:EncryptionContext:<key>` for one encryption-context key (derived).
    public static func encryptionContext(_ key: String) -> String { "kms:EncryptionContext:\(key)" }
}
