/// The input of CreateKey.
public struct CreateKeyRequest: Sendable {
    public var description: String?
    public var keyUsage: KeyUsage?
    public var keySpec: KeySpec?
    /// A JSON key policy; nil means AWS's default policy.
    public var policy: String?
    public var tags: [KeyTag]
    public var bypassPolicyLockoutSafetyCheck: Bool
    /// `AWS_KMS` only; others are UnsupportedOperationException.
    public var origin: String?
    public var multiRegion: Bool

    public init(
        description: String? = nil, keyUsage: KeyUsage? = nil, keySpec: KeySpec? = nil, policy: String? = nil,
        tags: [KeyTag] = [], bypassPolicyLockoutSafetyCheck: Bool = false, origin: String? = nil,
        multiRegion: Bool = false
    ) {
        self.description = description
        self.keyUsage = keyUsage
        self.keySpec = keySpec
        self.policy = policy
        self.tags = tags
        self.bypassPolicyLockoutSafetyCheck = bypassPolicyLockoutSafetyCheck
        self.origin = origin
        self.multiRegion = multiRegion
    }
}
