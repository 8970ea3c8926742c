import AuditTrail

extension KeyManagementService {
    /// GetKeyPolicy: `policyName` must be nil or `default`.
    public func getKeyPolicy(keyId: String, policyName: String?, caller: KMSCaller) async throws(KMSError) -> String {
        let parameters = AuditFields.request(keyId: keyId, extra: [.policyName: .string(policyName ?? "default")])
        return try await perform(.getKeyPolicy, caller, parameters) { caller throws(KMSError) in
            let key = try self.key(keyId, for: .getKeyPolicy, caller: caller, forms: .keyOnly, in: store)
            try KeyPolicy.checkName(policyName)
            return key.policy
        }
    }

    /// PutKeyPolicy: needs `kms:PutKeyPolicy`; the new policy must pass AWS's lockout safety check (the caller
    /// must be able to call PutKeyPolicy again under it) unless `bypassPolicyLockoutSafetyCheck` is set.
    public func putKeyPolicy(
        keyId: String, policyName: String?, policy: String, bypassPolicyLockoutSafetyCheck: Bool, caller: KMSCaller
    ) async throws(KMSError) {
        let parameters = AuditFields.request(
            keyId: keyId,
            extra: [
                .policyName: .string(policyName ?? "default"),
                .bypassPolicyLockoutSafetyCheck: .bool(bypassPolicyLockoutSafetyCheck),
            ])
        try await perform(.putKeyPolicy, caller, parameters) { caller throws(KMSError) in
            try KeyPolicy.checkName(policyName)
            let document = try KeyPolicy.parse(policy)
            try await commit(.putKeyPolicy) { store, rows in
                var key = try self.key(keyId, for: .putKeyPolicy, caller: caller, forms: .keyOnly, in: store)
                try self.requireCustomerManaged(key, .putKeyPolicy, caller)
                if !bypassPolicyLockoutSafetyCheck {
                    try self.checkLockoutSafety(document, keyArn: key.arn, caller: caller)
                }
                key.setPolicy(policy, document: document)
                rows.replacePolicy(policy, keyId: key.keyId)
                store.keys[key.id] = key
            }
        }
    }

    /// ListKeyPolicies: always `["default"]`.
    public func listKeyPolicies(keyId: String, caller: KMSCaller) async throws(KMSError) -> [String] {
        try await perform(.listKeyPolicies, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            _ = try self.key(keyId, for: .listKeyPolicies, caller: caller, forms: .keyOnly, in: store)
            return [KeyPolicy.defaultName]
        }
    }

    /// TagResource: the same tag key overwrites; at most 50 tags.
    public func tagResource(keyId: String, tags: [KeyTag], caller: KMSCaller) async throws(KMSError) {
        let parameters = AuditFields.request(
            keyId: keyId,
            extra: [.tags: .array(tags.map { ["TagKey": .string($0.key), "TagValue": .string($0.value)] })])
        try await perform(.tagResource, caller, parameters) { caller throws(KMSError) in
            try KeyTag.validate(tags)
            try await changeTags(keyId, .tagResource, caller) { existing throws(KMSError) in
                try KeyTag.merging(tags, into: existing)
            }
        }
    }

    /// UntagResource: absent tag keys are ignored.
    public func untagResource(keyId: String, tagKeys: [String], caller: KMSCaller) async throws(KMSError) {
        let parameters = AuditFields.request(keyId: keyId, extra: [.tagKeys: .array(tagKeys.map { .string($0) })])
        try await perform(.untagResource, caller, parameters) { caller throws(KMSError) in
            try KeyTag.validate(keys: tagKeys)
            try await changeTags(keyId, .untagResource, caller) { existing throws(KMSError) in
                existing.filter { !tagKeys.contains($0.key) }
            }
        }
    }

    /// ListResourceTags: `limit` 1...50 (default 50), sorted by tag key.
    public func listResourceTags(keyId: String, limit: Int?, marker: String?, caller: KMSCaller) async throws(KMSError)
        -> Page<KeyTag>
    {
        try await perform(.listResourceTags, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            let limit = try Paging.limit(limit, default: 50, range: 1...50)
            let key = try self.key(keyId, for: .listResourceTags, caller: caller, forms: .keyOnly, in: store)
            return try Paging.page(key.tags.sorted { $0.key < $1.key }, limit: limit, marker: marker, sortKey: \.key)
        }
    }

    private func changeTags(
        _ keyId: String, _ operation: KMSOperation, _ caller: KMSCaller,
        _ change: @escaping @Sendable ([KeyTag]) throws(KMSError) -> [KeyTag]
    ) async throws(KMSError) {
        try await commit(operation) { store, rows in
            var key = try self.key(keyId, for: operation, caller: caller, forms: .keyOnly, in: store)
            try self.requireCustomerManaged(key, operation, caller)
            key.tags = try change(key.tags)
            rows.replaceTags(key.tags, keyId: key.keyId)
            store.keys[key.id] = key
        }
    }
}
