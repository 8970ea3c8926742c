import Foundation
import Testing

@testable import KMS

/// Every operation that takes a key, against a key in each state, through the service.
@Suite("Key-state errors of every operation")
struct KeyStateErrorTests {
    /// An operation of the table, run against the prepared key.
    enum Operation: String, CaseIterable {
        case encrypt, decrypt, reEncrypt, generateDataKey, generateDataKeyWithoutPlaintext
        case enableKey, disableKey, scheduleKeyDeletion, cancelKeyDeletion
        case enableKeyRotation, disableKeyRotation, getKeyRotationStatus, rotateKeyOnDemand, listKeyRotations
        case createAlias, updateAlias, deleteAlias, listAliases
        case tagResource, untagResource, updateKeyDescription, listResourceTags
        case describeKey, getKeyPolicy, putKeyPolicy, listKeyPolicies

        var rule: KMSOperation.StateRule {
            switch self {
            case .encrypt, .decrypt, .reEncrypt, .generateDataKey, .generateDataKeyWithoutPlaintext,
                .enableKeyRotation, .disableKeyRotation, .rotateKeyOnDemand:
                .enabledOnly
            case .enableKey, .disableKey, .scheduleKeyDeletion, .createAlias, .updateAlias, .tagResource,
                .untagResource, .updateKeyDescription:
                .notPendingDeletion
            case .cancelKeyDeletion: .pendingDeletionOnly
            case .getKeyRotationStatus, .listKeyRotations, .deleteAlias, .listAliases, .listResourceTags, .describeKey,
                .getKeyPolicy, .putKeyPolicy, .listKeyPolicies:
                .anyState
            }
        }
    }

    struct Prepared {
        let kms: KeyManagementService
        let key: KeyMetadata
        let blob: [UInt8]
    }

    static func prepare(_ state: KeyState) async throws -> Prepared {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let blob = try await kms.encrypt(
            keyId: key.keyId, plaintext: [42], encryptionContext: [:], encryptionAlgorithm: nil, caller: Fixture.caller
        ).ciphertextBlob
        try await kms.createAlias(aliasName: "alias/existing", targetKeyId: key.keyId, caller: Fixture.caller)
        switch state {
        case .enabled: break
        case .disabled: try await kms.disableKey(keyId: key.keyId, caller: Fixture.caller)
        case .pendingDeletion:
            _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
        }
        return Prepared(kms: kms, key: key, blob: blob)
    }

    static func run(_ operation: Operation, _ p: Prepared) async throws(KMSError) {
        let kms = p.kms
        let id = p.key.keyId
        let c = Fixture.caller
        switch operation {
        case .encrypt:
            _ = try await kms.encrypt(
                keyId: id, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: nil, caller: c)
        case .decrypt:
            _ = try await kms.decrypt(
                ciphertextBlob: p.blob, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil, caller: c)
        case .reEncrypt:
            _ = try await kms.reEncrypt(ReEncryptRequest(ciphertextBlob: p.blob, destinationKeyId: id), caller: c)
        case .generateDataKey:
            _ = try await kms.generateDataKey(
                keyId: id, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: c)
        case .generateDataKeyWithoutPlaintext:
            _ = try await kms.generateDataKeyWithoutPlaintext(
                keyId: id, keySpec: nil, numberOfBytes: 16, encryptionContext: [:], caller: c)
        case .enableKey: try await kms.enableKey(keyId: id, caller: c)
        case .disableKey: try await kms.disableKey(keyId: id, caller: c)
        case .scheduleKeyDeletion: _ = try await kms.scheduleKeyDeletion(keyId: id, pendingWindowInDays: nil, caller: c)
        case .cancelKeyDeletion: _ = try await kms.cancelKeyDeletion(keyId: id, caller: c)
        case .enableKeyRotation: try await kms.enableKeyRotation(keyId: id, rotationPeriodInDays: nil, caller: c)
        case .disableKeyRotation: try await kms.disableKeyRotation(keyId: id, caller: c)
        case .getKeyRotationStatus: _ = try await kms.getKeyRotationStatus(keyId: id, caller: c)
        case .rotateKeyOnDemand: _ = try await kms.rotateKeyOnDemand(keyId: id, caller: c)
        case .listKeyRotations: _ = try await kms.listKeyRotations(keyId: id, limit: nil, marker: nil, caller: c)
        case .createAlias: try await kms.createAlias(aliasName: "alias/new", targetKeyId: id, caller: c)
        case .updateAlias: try await kms.updateAlias(aliasName: "alias/existing", targetKeyId: id, caller: c)
        case .deleteAlias: try await kms.deleteAlias(aliasName: "alias/existing", caller: c)
        case .listAliases: _ = try await kms.listAliases(keyId: id, limit: nil, marker: nil, caller: c)
        case .tagResource: try await kms.tagResource(keyId: id, tags: [KeyTag(key: "k", value: "v")], caller: c)
        case .untagResource: try await kms.untagResource(keyId: id, tagKeys: ["k"], caller: c)
        case .updateKeyDescription: try await kms.updateKeyDescription(keyId: id, description: "d", caller: c)
        case .listResourceTags: _ = try await kms.listResourceTags(keyId: id, limit: nil, marker: nil, caller: c)
        case .describeKey: _ = try await kms.describeKey(keyId: id, caller: c)
        case .getKeyPolicy: _ = try await kms.getKeyPolicy(keyId: id, policyName: nil, caller: c)
        case .putKeyPolicy:
            try await kms.putKeyPolicy(
                keyId: id, policyName: nil, policy: KeyPolicy.defaultPolicy(accountId: Fixture.account),
                bypassPolicyLockoutSafetyCheck: false, caller: c)
        case .listKeyPolicies: _ = try await kms.listKeyPolicies(keyId: id, caller: c)
        }
    }

    @Test("exact error of each operation in each state", arguments: Operation.allCases, KeyState.allCases)
    func stateError(operation: Operation, state: KeyState) async throws {
        let prepared = try await Self.prepare(state)
        let error = await kmsError { () async throws(KMSError) in try await Self.run(operation, prepared) }
        let arn = prepared.key.arn
        let expected: KMSError? =
            switch (operation.rule, state) {
            case (.anyState, _), (.enabledOnly, .enabled), (.notPendingDeletion, .enabled),
                (.notPendingDeletion, .disabled), (.pendingDeletionOnly, .pendingDeletion):
                nil
            case (.enabledOnly, .disabled): KMSError(.disabled, "\(arn) is disabled.")
            case (.enabledOnly, .pendingDeletion), (.notPendingDeletion, .pendingDeletion):
                KMSError(.invalidState, "\(arn) is pending deletion.")
            case (.pendingDeletionOnly, _): KMSError(.invalidState, "\(arn) is not pending deletion.")
            }
        #expect(error == expected)
    }

    @Test func cancelLeavesTheKeyDisabled() async throws {
        let prepared = try await Self.prepare(.pendingDeletion)
        let arn = try await prepared.kms.cancelKeyDeletion(keyId: prepared.key.arn, caller: Fixture.caller)
        #expect(arn == prepared.key.arn)
        let metadata = try await prepared.kms.describeKey(keyId: prepared.key.keyId, caller: Fixture.caller)
        #expect(metadata.keyState == .disabled)
        #expect(!metadata.enabled)
        #expect(metadata.deletionDate == nil)
        #expect(metadata.pendingDeletionWindowInDays == nil)
    }

    @Test func pendingDeletionReportsRotationOffAndCancelRestoresIt() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        try await kms.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: 100, caller: Fixture.caller)
        _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
        #expect(try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller).enabled == false)
        _ = try await kms.cancelKeyDeletion(keyId: key.keyId, caller: Fixture.caller)
        let status = try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller)
        #expect(status.enabled)
        #expect(status.rotationPeriodInDays == 100)
    }
}
