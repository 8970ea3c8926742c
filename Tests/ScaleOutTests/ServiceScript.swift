import Crypto
import Foundation
import KMS

/// A sequence of key-service writes touching every kind of row (create, update, rotate, policy, tags, aliases, grants,
/// delete), and the state the public API shows afterwards.
enum ServiceScript {
    static let caller = KeyStoreNodes.caller

    /// Runs the writes; returns a ciphertext (context `a=1`, plaintext 1 2 3) made before the rotation.
    static func run(on kms: KeyManagementService, clock: ManualClock) async throws -> [UInt8] {
        let first = try await kms.createKey(
            CreateKeyRequest(description: "first", tags: [KeyTag(key: "team", value: "a")]), caller: caller)
        let second = try await kms.createKey(CreateKeyRequest(description: "second"), caller: caller)
        let doomed = try await kms.createKey(CreateKeyRequest(description: "doomed"), caller: caller)
        let ciphertext = try await kms.encrypt(
            keyId: first.keyId, plaintext: [1, 2, 3], encryptionContext: ["a": "1"], encryptionAlgorithm: nil,
            caller: caller
        ).ciphertextBlob
        try await kms.updateKeyDescription(keyId: first.keyId, description: "first, renamed", caller: caller)
        try await kms.tagResource(keyId: first.keyId, tags: [KeyTag(key: "env", value: "test")], caller: caller)
        try await kms.untagResource(keyId: first.keyId, tagKeys: ["team"], caller: caller)
        let policy = try await kms.getKeyPolicy(keyId: first.keyId, policyName: nil, caller: caller)
        try await kms.putKeyPolicy(
            keyId: first.keyId, policyName: nil, policy: policy + "\n", bypassPolicyLockoutSafetyCheck: false,
            caller: caller)
        try await kms.enableKeyRotation(keyId: first.keyId, rotationPeriodInDays: 90, caller: caller)
        _ = try await kms.rotateKeyOnDemand(keyId: first.keyId, caller: caller)
        try await kms.createAlias(aliasName: "alias/one", targetKeyId: first.keyId, caller: caller)
        try await kms.createAlias(aliasName: "alias/two", targetKeyId: second.keyId, caller: caller)
        try await kms.updateAlias(aliasName: "alias/two", targetKeyId: first.keyId, caller: caller)
        try await kms.createAlias(aliasName: "alias/gone", targetKeyId: second.keyId, caller: caller)
        try await kms.deleteAlias(aliasName: "alias/gone", caller: caller)
        try await kms.createAlias(aliasName: "alias/doomed", targetKeyId: doomed.keyId, caller: caller)
        for grantee in ["role/a", "role/b", "role/c"] {
            _ = try await kms.createGrant(
                CreateGrantRequest(
                    keyId: first.keyId, granteePrincipal: "arn:aws:iam::111122223333:\(grantee)",
                    operations: ["Decrypt", "GenerateDataKey"],
                    constraint: grantee == "role/b" ? .encryptionContextSubset(["a": "1"]) : nil),
                caller: caller)
        }
        let grants = try await kms.listGrants(keyId: first.keyId, limit: nil, marker: nil, caller: caller).items
        try await kms.revokeGrant(keyId: first.keyId, grantId: grants[0].grantId, caller: caller)
        try await kms.disableKey(keyId: second.keyId, caller: caller)
        _ = try await kms.scheduleKeyDeletion(keyId: doomed.keyId, pendingWindowInDays: 7, caller: caller)
        _ = try await kms.awsManagedKey(service: "s3", caller: caller)
        clock.advance(days: 8)
        try await kms.performDueMaintenance()
        return ciphertext
    }

    /// What the public API shows of every key: metadata, aliases, tags, policy, rotations and grants.
    static func state(of kms: KeyManagementService) async throws -> [String] {
        var lines: [String] = []
        let keys = try await kms.listKeys(limit: nil, marker: nil, caller: caller).items
        for key in keys {
            lines.append("\(try await kms.describeKey(keyId: key.keyId, caller: caller))")
            lines.append(
                "\(try await kms.listResourceTags(keyId: key.keyId, limit: nil, marker: nil, caller: caller).items)")
            lines.append(try await kms.getKeyPolicy(keyId: key.keyId, policyName: nil, caller: caller))
            lines.append("\(try await kms.listGrants(keyId: key.keyId, limit: nil, marker: nil, caller: caller).items)")
            if let rotations = try? await kms.listKeyRotations(
                keyId: key.keyId, limit: nil, marker: nil, caller: caller)
            {
                lines.append("\(rotations.items)")
            }
        }
        lines.append("\(try await kms.listAliases(keyId: nil, limit: nil, marker: nil, caller: caller).items)")
        return lines
    }
}
