import KMS

/// CreateKey's input.
struct CreateKeyInput: KMSInput {
    var policy: String?
    var description: String?
    var keyUsage: String?
    var customerMasterKeySpec: String?
    var keySpec: String?
    var origin: String?
    var customKeyStoreId: String?
    var bypassPolicyLockoutSafetyCheck: Bool?
    var tags: [TagShape]?
    var multiRegion: Bool?
    var xksKeyId: String?

    enum CodingKeys: String, CodingKey {
        case policy = "Policy"
        case description = "Description"
        case keyUsage = "KeyUsage"
        case customerMasterKeySpec = "CustomerMasterKeySpec"
        case keySpec = "KeySpec"
        case origin = "Origin"
        case customKeyStoreId = "CustomKeyStoreId"
        case bypassPolicyLockoutSafetyCheck = "BypassPolicyLockoutSafetyCheck"
        case tags = "Tags"
        case multiRegion = "MultiRegion"
        case xksKeyId = "XksKeyId"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.policy(policy, required: false)
        validator.description(description)
        validator.oneOf(keyUsage, "keyUsage", KMSEnums.keyUsage)
        validator.oneOf(customerMasterKeySpec, "customerMasterKeySpec", KMSEnums.customerMasterKeySpec)
        validator.oneOf(keySpec, "keySpec", KMSEnums.keySpec)
        validator.oneOf(origin, "origin", KMSEnums.origin)
        validator.tags(tags, required: false)
    }

    /// The domain request; specs that AWS knows and Coffer does not are refused here.
    func request() throws(KMSWireError) -> CreateKeyRequest {
        if keySpec != nil, customerMasterKeySpec != nil {
            throw .validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request.")
        }
        if customKeyStoreId != nil || xksKeyId != nil {
            throw KMSWireError(type: "UnsupportedOperationException", message: "Custom key stores are not supported.")
        }
        let spec = keySpec ?? customerMasterKeySpec
        let keySpec = try spec.map { (name) throws(KMSWireError) -> KeySpec in
            guard let known = KeySpec(rawValue: name) else {
                throw KMSWireError(type: "UnsupportedOperationException", message: "KeySpec \(name) is not supported.")
            }
            return known
        }
        return CreateKeyRequest(
            description: description, keyUsage: keyUsage.flatMap(KeyUsage.init(rawValue:)), keySpec: keySpec,
            policy: policy, tags: (tags ?? []).map { KeyTag(key: $0.tagKey ?? "", value: $0.tagValue ?? "") },
            bypassPolicyLockoutSafetyCheck: bypassPolicyLockoutSafetyCheck ?? false, origin: origin,
            multiRegion: multiRegion ?? false
        )
    }
}

/// The input of operations that take only a key: EnableKey, DisableKey, CancelKeyDeletion, DisableKeyRotation,
/// GetKeyRotationStatus, RotateKeyOnDemand, and DescribeKey (with grant tokens).
struct KeyIdInput: KMSInput {
    var keyId: String?
    var grantTokens: [String]?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case grantTokens = "GrantTokens"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.grantTokens(grantTokens)
    }
}

/// ListKeys' input.
struct ListKeysInput: KMSInput {
    var limit: Int?
    var marker: String?

    enum CodingKeys: String, CodingKey {
        case limit = "Limit"
        case marker = "Marker"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.limit(limit, 1...1000)
        validator.marker(marker)
    }
}

/// UpdateKeyDescription's input.
struct UpdateKeyDescriptionInput: KMSInput {
    var keyId: String?
    var description: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case description = "Description"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.description(description, required: true)
    }
}

/// ScheduleKeyDeletion's input.
struct ScheduleKeyDeletionInput: KMSInput {
    var keyId: String?
    var pendingWindowInDays: Int?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case pendingWindowInDays = "PendingWindowInDays"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.value(pendingWindowInDays, "pendingWindowInDays", 1...365)
    }
}
