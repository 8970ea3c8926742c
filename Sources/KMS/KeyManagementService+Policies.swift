extension KeyManagementService {
    /// GetKeyPolicy: `policyName` must be nil or `default`.
    public func getKeyPolicy(keyId: String, policyName: String?, caller: KMSCaller) async throws(KMSError) -> String {
        counters.record(.getKeyPolicy, caller)
        let key = try self.key(keyId, for: .getKeyPolicy, forms: .keyOnly, in: store)
        try KeyPolicy.checkName(policyName)
        return key.policy
    }

    /// PutKeyPolicy. The lockout safety check and enforcement come with policy evaluation (#5).
    public func putKeyPolicy(
        keyId: String, policyName: String?, policy: String, bypassPolicyLockoutSafetyCheck: Bool, caller: KMSCaller
    ) async throws(KMSError) {
        counters.record(.putKeyPolicy, caller)
        try KeyPolicy.checkName(policyName)
        try KeyPolicy.validate(policy)
        try await commit(.putKeyPolicy) { store, db in
            var key = try self.key(keyId, for: .putKeyPolicy, forms: .keyOnly, in: store)
            try self.requireCustomerManaged(key, .putKeyPolicy, caller)
            key.policy = policy
            try KMSDatabase.replacePolicy(policy, keyId: key.keyId, in: db)
            store.keys[key.id] = key
        }
    }

    /// ListKeyPolicies: always `["default"]`.
    public func listKeyPolicies(keyId: String, caller: KMSCaller) async throws(KMSError) -> [String] {
        counters.record(.listKeyPolicies, caller)
        _ = try self.key(keyId, for: .listKeyPolicies, forms: .keyOnly, in: store)
        return [KeyPolicy.defaultName]
    }

    /// TagResource: the same tag key overwrites; at most 50 tags.
    public func tagResource(keyId: String, tags: [KeyTag], caller: KMSCaller) async throws(KMSError) {
        counters.record(.tagResource, caller)
        try KeyTag.validate(tags)
        try await changeTags(keyId, .tagResource, caller) { existing throws(KMSError) in
            try KeyTag.merging(tags, into: existing)
        }
    }

    /// UntagResource: absent tag keys are ignored.
    public func untagResource(keyId: String, tagKeys: [String], caller: KMSCaller) async throws(KMSError) {
        counters.record(.untagResource, caller)
        try KeyTag.validate(keys: tagKeys)
        try await changeTags(keyId, .untagResource, caller) { existing throws(KMSError) in
            existing.filter { !tagKeys.contains($0.key) }
        }
    }

    /// ListResourceTags: `limit` 1...50 (default 50), sorted by tag key.
    public func listResourceTags(keyId: String, limit: Int?, marker: String?, caller: KMSCaller) async throws(KMSError)
        -> Page<KeyTag>
    {
        counters.record(.listResourceTags, caller)
        let limit = try Paging.limit(limit, default: 50, range: 1...50)
        let key = try self.key(keyId, for: .listResourceTags, forms: .keyOnly, in: store)
        return try Paging.page(key.tags.sorted { $0.key < $1.key }, limit: limit, marker: marker, sortKey: \.key)
    }

    private func changeTags(
        _ keyId: String, _ operation: KMSOperation, _ caller: KMSCaller,
        _ change: @escaping @Sendable ([KeyTag]) throws(KMSError) -> [KeyTag]
    ) async throws(KMSError) {
        try await commit(operation) { store, db in
            var key = try self.key(keyId, for: operation, forms: .keyOnly, in: store)
            try self.requireCustomerManaged(key, operation, caller)
            key.tags = try change(key.tags)
            try KMSDatabase.replaceTags(key.tags, keyId: key.keyId, in: db)
            store.keys[key.id] = key
        }
    }
}
