import KMS

/// GetKeyPolicy's input.
struct GetKeyPolicyInput: KMSInput {
    var keyId: String?
    var policyName: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case policyName = "PolicyName"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.policyName(policyName)
    }
}

/// GetKeyPolicy's output.
struct GetKeyPolicyOutput: Encodable {
    var policy: String
    var policyName: String

    enum CodingKeys: String, CodingKey {
        case policy = "Policy"
        case policyName = "PolicyName"
    }
}

/// PutKeyPolicy's input.
struct PutKeyPolicyInput: KMSInput {
    var keyId: String?
    var policyName: String?
    var policy: String?
    var bypassPolicyLockoutSafetyCheck: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case policyName = "PolicyName"
        case policy = "Policy"
        case bypassPolicyLockoutSafetyCheck = "BypassPolicyLockoutSafetyCheck"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.policyName(policyName)
        validator.policy(policy, required: true)
    }
}

/// The input of the key-scoped listings ListKeyPolicies and ListResourceTags.
struct KeyListingInput: KMSInput {
    var keyId: String?
    var limit: Int?
    var marker: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case limit = "Limit"
        case marker = "Marker"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.limit(limit, 1...1000)
        validator.marker(marker)
    }
}

/// ListKeyPolicies' output: one page, never truncated.
struct ListKeyPoliciesOutput: Encodable {
    var policyNames: [String]
    var truncated = false

    enum CodingKeys: String, CodingKey {
        case policyNames = "PolicyNames"
        case truncated = "Truncated"
    }
}

/// TagResource's input.
struct TagResourceInput: KMSInput {
    var keyId: String?
    var tags: [TagShape]?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case tags = "Tags"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.tags(tags, required: true)
    }

    /// The domain tags.
    var keyTags: [KeyTag] { (tags ?? []).map { KeyTag(key: $0.tagKey ?? "", value: $0.tagValue ?? "") } }
}

/// UntagResource's input.
struct UntagResourceInput: KMSInput {
    var keyId: String?
    var tagKeys: [String]?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case tagKeys = "TagKeys"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.required(tagKeys, "tagKeys")
        for (index, key) in (tagKeys ?? []).enumerated() {
            validator.length(key, "tagKeys.\(index + 1).member", 1...128)
        }
    }
}

/// ListResourceTags' output.
struct ListResourceTagsOutput: Encodable {
    var tags: [TagShape]
    var nextMarker: String?
    var truncated: Bool

    enum CodingKeys: String, CodingKey {
        case tags = "Tags"
        case nextMarker = "NextMarker"
        case truncated = "Truncated"
    }

    init(_ page: Page<KeyTag>) {
        self.tags = page.items.map { TagShape(tagKey: $0.key, tagValue: $0.value) }
        self.nextMarker = page.nextMarker
        self.truncated = page.truncated
    }
}
