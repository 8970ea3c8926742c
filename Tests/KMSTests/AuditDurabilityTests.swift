import AuditTrail
import Crypto
import Foundation
import Synchronization
import Testing

@testable import KMS

/// A successful change's audit event is recorded durably (the answer waits for its sync); reads and refusals are
/// only queued, as docs/audit.md says.
@Suite("KMS audit event durability")
struct AuditDurabilityTests {
    /// An audit sink that notes which events were recorded durably.
    final class Sink: AuditSink {
        private let recorded = Mutex<[(name: String, durable: Bool, failed: Bool)]>([])

        nonisolated(nonsending) func record(_ event: AuditEvent) async {
            recorded.withLock { $0.append((event.eventName, false, event.errorCode != nil)) }
        }

        nonisolated(nonsending) func recordDurably(_ event: AuditEvent) async {
            recorded.withLock { $0.append((event.eventName, true, event.errorCode != nil)) }
        }

        var events: [(name: String, durable: Bool, failed: Bool)] { recorded.withLock { $0 } }
    }

    @Test func changesAreRecordedDurablyAndReadsAreQueued() async throws {
        let sink = Sink()
        let kms = try KeyManagementService(
            configuration: KMSConfiguration(
                region: Fixture.region, accountId: Fixture.account, databasePath: nil,
                rootKey: SymmetricKey(size: .bits256)),
            clock: TestClock(Date()), auditSink: sink)
        let key = try await Fixture.key(kms)
        try await kms.disableKey(keyId: key.keyId, caller: Fixture.caller)
        try await kms.enableKey(keyId: key.keyId, caller: Fixture.caller)
        try await kms.createAlias(aliasName: "alias/durable", targetKeyId: key.keyId, caller: Fixture.caller)
        try await kms.tagResource(keyId: key.keyId, tags: [KeyTag(key: "k", value: "v")], caller: Fixture.caller)
        _ = try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller)
        _ = try await kms.generateDataKey(
            keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: Fixture.caller)
        await #expect(throws: KMSError.self) { try await kms.disableKey(keyId: "alias/none", caller: Fixture.caller) }

        let events = sink.events
        #expect(
            events.map(\.name) == [
                "CreateKey", "DisableKey", "EnableKey", "CreateAlias", "TagResource", "DescribeKey", "GenerateDataKey",
                "DisableKey",
            ])
        #expect(events.map(\.durable) == [true, true, true, true, true, false, false, false])
        #expect(events.last?.failed == true)
    }
}
