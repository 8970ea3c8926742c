import AccessPolicy
import AuditTrail
import Crypto
import Foundation

extension KeyManagementService {
    /// CreateKey: needs `kms:CreateKey` from the caller's identity policies. A custom policy must pass AWS's
    /// lockout safety check (the caller must be able to call PutKeyPolicy on the new key) unless
    /// `bypassPolicyLockoutSafetyCheck` is set.
    public func createKey(_ request: CreateKeyRequest, caller: KMSCaller) async throws(KMSError) -> KeyMetadata {
        try await perform(.createKey, caller, Self.auditParameters(request)) { caller throws(KMSError) in
            try authorizeWithoutKey(.createKey, caller: caller)
            let (spec, usage) = try Self.validatedSpec(request)
            let text = request.policy ?? KeyPolicy.defaultPolicy(accountId: configuration.accountId)
            let document = try KeyPolicy.parse(text)
            try KeyTag.validate(request.tags)
            _ = try KeyTag.merging(request.tags, into: [])
            let (material, secret) = try await Self.newMaterialOffPool(spec: spec, usage: usage)
            let key = newKey(
                spec: spec, usage: usage, material: material, description: request.description ?? "",
                manager: .customer, policy: text, policyDocument: document, tags: request.tags, rotation: .disabled)
            if request.policy != nil, !request.bypassPolicyLockoutSafetyCheck {
                try checkLockoutSafety(document, keyArn: key.arn, caller: caller)
            }
            caller.trace?.touched(key.arn)
            let sealed = try seal(secret, id: material.currentID, spec: spec, for: key.id)
            try await commit(.createKey) { store, rows in
                rows.insertKey(key, material: sealed)
                store.keys[key.id] = key
            }
            return key.metadata(accountId: configuration.accountId)
        }
    }

    /// DescribeKey: any identifier form. Creates the AWS managed key for a predefined `alias/aws/<service>`.
    public func describeKey(keyId: String, caller: KMSCaller) async throws(KMSError) -> KeyMetadata {
        try await perform(.describeKey, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            let store = store
            if case .alias(let name) = try identifiers.parse(keyId, forms: .any), store.aliases[name] == nil,
                let service = AWSManagedKeys.service(ofAlias: name)
            {
                return try await managedKey(service: service, caller: caller)
            }
            let key = try self.key(keyId, for: .describeKey, caller: caller, forms: .any, in: store)
            return key.metadata(accountId: configuration.accountId)
        }
    }

    /// ListKeys: `limit` 1...1000 (default 100), every key in every state, sorted by key id.
    public func listKeys(limit: Int?, marker: String?, caller: KMSCaller) async throws(KMSError) -> Page<KeyListEntry> {
        try await perform(.listKeys, caller, .request(extra: limit.map { [.limit: .int($0)] } ?? [:])) {
            caller throws(KMSError) in
            try authorizeWithoutKey(.listKeys, caller: caller)
            let limit = try Paging.limit(limit, default: 100, range: 1...1000)
            let entries = store.keys.values.map { KeyListEntry(keyId: $0.keyId, keyArn: $0.arn) }.sorted {
                $0.keyId < $1.keyId
            }
            return try Paging.page(entries, limit: limit, marker: marker, sortKey: \.keyId)
        }
    }

    /// UpdateKeyDescription.
    public func updateKeyDescription(keyId: String, description: String, caller: KMSCaller) async throws(KMSError) {
        let parameters = AuditFields.request(keyId: keyId, extra: [.description: .string(description)])
        try await perform(.updateKeyDescription, caller, parameters) { caller throws(KMSError) in
            try await updateKey(keyId, .updateKeyDescription, caller) { key, _ throws(KMSError) in
                key.description = description
            }
        }
    }

    /// EnableKey.
    public func enableKey(keyId: String, caller: KMSCaller) async throws(KMSError) {
        try await perform(.enableKey, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            try await updateKey(keyId, .enableKey, caller) { key, _ throws(KMSError) in
                try key.lifecycle.enable(arn: key.arn)
            }
        }
    }

    /// DisableKey.
    public func disableKey(keyId: String, caller: KMSCaller) async throws(KMSError) {
        try await perform(.disableKey, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            try await updateKey(keyId, .disableKey, caller) { key, _ throws(KMSError) in
                try key.lifecycle.disable(arn: key.arn)
            }
        }
    }

    /// ScheduleKeyDeletion: window 7...30 days, default 30.
    public func scheduleKeyDeletion(keyId: String, pendingWindowInDays: Int?, caller: KMSCaller) async throws(KMSError)
        -> KeyMetadata
    {
        let parameters = AuditFields.request(
            keyId: keyId, extra: pendingWindowInDays.map { [.pendingWindowInDays: .int($0)] } ?? [:])
        return try await perform(.scheduleKeyDeletion, caller, parameters) { caller throws(KMSError) in
            let window = pendingWindowInDays ?? 30
            guard (7...30).contains(window) else {
                throw .outOfRange(window, member: "pendingWindowInDays", range: 7...30)
            }
            let key = try await updateKey(keyId, .scheduleKeyDeletion, caller) { key, now throws(KMSError) in
                try key.lifecycle.scheduleDeletion(windowInDays: window, now: now, arn: key.arn)
            }
            return key.metadata(accountId: configuration.accountId)
        }
    }

    /// CancelKeyDeletion: the key ends Disabled. Returns the key ARN.
    public func cancelKeyDeletion(keyId: String, caller: KMSCaller) async throws(KMSError) -> String {
        try await perform(.cancelKeyDeletion, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            try await updateKey(keyId, .cancelKeyDeletion, caller) { key, _ throws(KMSError) in
                try key.lifecycle.cancelDeletion(arn: key.arn)
            }.arn
        }
    }

    /// Resolves a key by id or ARN, checks its state for `operation` and that it is customer managed, applies
    /// `change` and persists the key row. Returns the updated key.
    @discardableResult
    func updateKey(
        _ keyId: String, _ operation: KMSOperation, _ caller: KMSCaller,
        _ change: @escaping @Sendable (inout KMSKey, Date) throws(KMSError) -> Void
    ) async throws(KMSError) -> KMSKey {
        let now = clock.now()
        return try await commit(operation) { store, rows in
            var key = try self.key(keyId, for: operation, caller: caller, forms: .keyOnly, in: store)
            try self.requireCustomerManaged(key, operation, caller)
            try change(&key, now)
            rows.updateKey(key)
            store.keys[key.id] = key
            return key
        }
    }

    /// A new key with `material`, not yet stored.
    func newKey(
        spec: KeySpec, usage: KeyUsage = .encryptDecrypt, material: KeyMaterial, description: String,
        manager: KeyManager, policy: String, policyDocument: PolicyDocument, tags: [KeyTag], rotation: RotationSchedule
    ) -> KMSKey {
        let id = UUID()
        let keyId = id.uuidString.lowercased()
        return KMSKey(
            id: id, keyId: keyId, arn: identifiers.keyArn(keyId), creationDate: clock.now(), description: description,
            keySpec: spec, keyUsage: usage, keyManager: manager, origin: "AWS_KMS", lifecycle: .enabled,
            rotation: rotation, policy: policy, policyDocument: policyDocument, tags: tags, material: material,
            rotations: [])
    }

    /// Fresh material for a key of `spec` and `usage`, and the secret to seal: AES material, a PKCS#8 private key
    /// (RSA key generation takes up to seconds, so this runs before, not inside, the database write) or an HMAC key.
    static func newMaterial(spec: KeySpec, usage: KeyUsage) throws(KMSError) -> (KeyMaterial, SymmetricKey) {
        let id = KeyMaterialID.random()
        do {
            switch spec {
            case .symmetricDefault:
                let version = KeyMaterialVersion(id: id, key: SymmetricKey(size: .bits256))
                return (.symmetric(version), version.key)
            case .hmac224, .hmac256, .hmac384, .hmac512:
                let key = try HMACKey.generate(id: id, spec: spec)
                return (.hmac(key), key.key)
            case .rsa2048, .rsa3072, .rsa4096, .eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1:
                let (pair, pkcs8) = try AsymmetricKeyPair.generate(id: id, spec: spec, usage: usage)
                return (.asymmetric(pair), pkcs8)
            }
        } catch {
            throw .internalFailure
        }
    }
}

extension KeyManagementService {
    /// AWS's key policy lockout safety check: the caller must be able to call PutKeyPolicy under `policy`.
    func checkLockoutSafety(_ policy: PolicyDocument, keyArn: String, caller: KMSCaller) throws(KMSError) {
        do {
            try PolicyEvaluator.checkLockoutSafety(
                newPolicy: policy, caller: caller.principal, identityPolicies: caller.identityPolicies, keyArn: keyArn,
                keyAccount: configuration.accountId, context: caller.channel == .s3 ? viaS3Context : [:])
        } catch {
            throw .malformedPolicy(error)
        }
    }

    /// CreateKey's loggable parameters (the policy document itself is left out, as CloudTrail does).
    static func auditParameters(_ request: CreateKeyRequest) -> AuditFields {
        var fields = AuditFields.request(keySpec: (request.keySpec ?? .symmetricDefault).rawValue)
        fields[.keyUsage] = request.keyUsage.map { .string($0.rawValue) }
        fields[.description] = request.description.map { .string($0) }
        fields[.origin] = .string(request.origin ?? "AWS_KMS")
        fields[.multiRegion] = .bool(request.multiRegion)
        fields[.bypassPolicyLockoutSafetyCheck] = .bool(request.bypassPolicyLockoutSafetyCheck)
        return fields
    }
}
