import AuditTrail
import Crypto
import Foundation
import Testing

@testable import KMS

#if canImport(Glibc)
    import Glibc
#endif

/// A trail that cannot take events (its disk is full): KMS calls fail clearly instead of hanging or going unrecorded.
@Suite("KMS calls when the audit trail is unavailable")
struct AuditUnavailableTests {
    /// A sink whose bounded record always gives up, as `AuditWriter`'s does once its disk has failed for too long.
    final class UnavailableSink: AuditSink {
        nonisolated(nonsending) func record(_ event: AuditEvent) async {}

        nonisolated(nonsending) func recordWithinLimit(_ event: AuditEvent) async throws(AuditTrailError) {
            throw .unavailable("/data/audit", errno: ENOSPC)
        }
    }

    @Test("a call whose event the trail cannot take fails with KMSInternalException and a clear message")
    func callFails() async throws {
        let kms = try KeyManagementService(
            configuration: KMSConfiguration(
                region: Fixture.region, accountId: Fixture.account, databasePath: nil,
                rootKey: SymmetricKey(size: .bits256)),
            clock: TestClock(Date()), auditSink: UnavailableSink())
        await #expect(throws: KMSError.auditTrailUnavailable) {
            _ = try await kms.createKey(CreateKeyRequest(description: "unrecorded"), caller: Fixture.caller)
        }
        #expect(KMSError.auditTrailUnavailable.code == .internal)
        #expect(KMSError.auditTrailUnavailable.message.contains("audit trail"))
        // A call that failed for its own reason keeps its own error.
        await #expect(throws: KMSError.self) {
            _ = try await kms.describeKey(keyId: "alias/missing", caller: Fixture.caller)
        }
    }
}
