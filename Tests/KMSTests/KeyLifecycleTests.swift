import Foundation
import Testing

@testable import KMS

@Suite("Key lifecycle state machine")
struct KeyLifecycleTests {
    static let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func lifecycle(_ state: KeyState) -> KeyLifecycle {
        var lifecycle = KeyLifecycle.enabled
        switch state {
        case .enabled: break
        case .disabled: try! lifecycle.disable(arn: arn)
        case .pendingDeletion: try! lifecycle.scheduleDeletion(windowInDays: 7, now: now, arn: arn)
        }
        return lifecycle
    }

    /// The reference's key-state table: the error (or nil) of each rule in each state.
    static func expected(_ rule: KMSOperation.StateRule, _ state: KeyState) -> KMSError? {
        switch (rule, state) {
        case (.anyState, _), (.enabledOnly, .enabled), (.notPendingDeletion, .enabled),
            (.notPendingDeletion, .disabled),
            (.pendingDeletionOnly, .pendingDeletion):
            nil
        case (.enabledOnly, .disabled): KMSError(.disabled, "\(arn) is disabled.")
        case (.enabledOnly, .pendingDeletion), (.notPendingDeletion, .pendingDeletion):
            KMSError(.invalidState, "\(arn) is pending deletion.")
        case (.pendingDeletionOnly, _): KMSError(.invalidState, "\(arn) is not pending deletion.")
        }
    }

    @Test(
        "every operation in every state follows the key-state table", arguments: KMSOperation.allCases,
        KeyState.allCases)
    func permitMatchesTable(operation: KMSOperation, state: KeyState) {
        var thrown: KMSError?
        do { try Self.lifecycle(state).permit(operation, arn: Self.arn) } catch { thrown = error }
        #expect(thrown == Self.expected(operation.stateRule, state))
    }

    @Test func rulesFollowTheReference() {
        #expect(KMSOperation.generateDataKey.stateRule == .enabledOnly)
        #expect(KMSOperation.rotateKeyOnDemand.stateRule == .enabledOnly)
        #expect(KMSOperation.enableKeyRotation.stateRule == .enabledOnly)
        #expect(KMSOperation.tagResource.stateRule == .notPendingDeletion)
        #expect(KMSOperation.createAlias.stateRule == .notPendingDeletion)
        #expect(KMSOperation.cancelKeyDeletion.stateRule == .pendingDeletionOnly)
        #expect(KMSOperation.getKeyRotationStatus.stateRule == .anyState)
        #expect(KMSOperation.deleteAlias.stateRule == .anyState)
    }

    @Test func transitions() throws {
        var lifecycle = KeyLifecycle.enabled
        try lifecycle.disable(arn: Self.arn)
        #expect(lifecycle.keyState == .disabled)
        try lifecycle.enable(arn: Self.arn)
        try lifecycle.scheduleDeletion(windowInDays: 10, now: Self.now, arn: Self.arn)
        #expect(lifecycle.keyState == .pendingDeletion)
        #expect(lifecycle.deletionDate == Self.now.addingTimeInterval(10 * 86_400))
        #expect(lifecycle.pendingWindowInDays == 10)
        #expect(!lifecycle.deletionIsDue(at: Self.now.addingTimeInterval(10 * 86_400 - 1)))
        #expect(lifecycle.deletionIsDue(at: Self.now.addingTimeInterval(10 * 86_400)))
        #expect(throws: KMSError(.invalidState, "\(Self.arn) is pending deletion.")) {
            try lifecycle.scheduleDeletion(windowInDays: 7, now: Self.now, arn: Self.arn)
        }
        try lifecycle.cancelDeletion(arn: Self.arn)
        #expect(lifecycle.keyState == .disabled)
        #expect(lifecycle.deletionDate == nil)
        #expect(lifecycle.pendingWindowInDays == nil)
    }

    @Test func restoresOnlyConsistentRows() {
        #expect(KeyLifecycle(keyState: .enabled, deletionDate: nil, pendingWindowInDays: nil) == .enabled)
        #expect(KeyLifecycle(keyState: .pendingDeletion, deletionDate: nil, pendingWindowInDays: 7) == nil)
        #expect(KeyLifecycle(keyState: .enabled, deletionDate: Self.now, pendingWindowInDays: nil) == nil)
    }
}
