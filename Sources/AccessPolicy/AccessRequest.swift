/// One request to authorize: who, which action, on which resource, in which context.
///
/// Build it once per call; construction normalizes the action and context keys so that evaluation does not
/// allocate.
public struct AccessRequest: Sendable {
    /// The caller.
    public let principal: PrincipalRef
    /// The action as AWS names it, e.g. `kms:Decrypt` or `s3:GetObject`; used verbatim in messages.
    public let action: String
    /// The resource: the key ARN for key operations, `*` for IAM-only actions (`kms:CreateKey`,
    /// `kms:ListKeys`, `kms:ListAliases`, `kms:GenerateRandom`), an S3 ARN for S3 actions.
    public let resource: String
    /// The account that owns the resource (the key's account); nil means the caller's own account.
    public let resourceAccount: String?
    /// The request's encryption context, or nil when the operation takes none (asymmetric and HMAC keys,
    /// management operations). An empty map is a symmetric cryptographic operation without a context: grant
    /// constraints then fail, while nil skips them, as AWS does.
    public let encryptionContext: [String: String]?
    /// Further condition keys (`kms:ViaService`, `kms:GrantIsForAWSResource`, ...), stored with lowercased
    /// names because condition keys are case-insensitive. They override the keys the engine derives.
    public let context: [String: ConditionValue]

    /// The action lowercased, compared with the lowercased patterns of the policies.
    let normalizedAction: String

    /// Creates a request; `context` keys may be spelled in any case.
    public init(
        principal: PrincipalRef, action: String, resource: String, resourceAccount: String? = nil,
        encryptionContext: [String: String]? = nil, context: [String: ConditionValue] = [:]
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.encryptionContext = encryptionContext
        self.context = Self.normalize(context)
        self.normalizedAction = action.lowercased()
    }

    /// Whether the caller belongs to the account that owns the resource.
    var isSameAccount: Bool { self.resourceAccount.map { $0 == self.principal.accountId } ?? true }

    /// Lowercases the keys; keys that differ only by case have their values merged into one multi-valued key.
    private static func normalize(_ context: [String: ConditionValue]) -> [String: ConditionValue] {
        guard context.keys.contains(where: { $0 != $0.lowercased() }) else { return context }
        var normalized: [String: ConditionValue] = [:]
        for (key, value) in context {
            let name = key.lowercased()
            if let existing = normalized[name] {
                normalized[name] = .multiple(existing.values + value.values)
            } else {
                normalized[name] = value
            }
        }
        return normalized
    }
}

extension ConditionValue {
    /// The values as a list.
    var values: [String] {
        switch self {
        case .single(let value): [value]
        case .multiple(let values): values
        }
    }
}
