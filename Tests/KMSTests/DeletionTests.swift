import Foundation
import Testing

@testable import KMS

@Suite("Key deletion")
struct DeletionTests {
    @Test(arguments: [6, 31, 0, 365])
    func windowOutOfRange(days: Int) async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: days, caller: Fixture.caller)
        }
        #expect(error == .outOfRange(days, member: "pendingWindowInDays", range: 7...30))
    }

    @Test func scheduleReportsDateAndWindow() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await Fixture.key(kms)
        let scheduled = try await kms.scheduleKeyDeletion(
            keyId: key.arn, pendingWindowInDays: nil, caller: Fixture.caller)
        #expect(scheduled.keyState == .pendingDeletion)
        #expect(scheduled.pendingDeletionWindowInDays == 30)
        #expect(scheduled.deletionDate == clock.now().addingTimeInterval(30 * 86_400))
    }

    @Test func windowEndDeletesKeyAndAliases() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await Fixture.key(kms)
        let survivor = try await Fixture.key(kms)
        try await kms.createAlias(aliasName: "alias/doomed", targetKeyId: key.keyId, caller: Fixture.caller)
        try await kms.createAlias(aliasName: "alias/kept", targetKeyId: survivor.keyId, caller: Fixture.caller)
        _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: 7, caller: Fixture.caller)

        clock.advance(days: 6.9)
        try await kms.performDueMaintenance()
        #expect(try await kms.describeKey(keyId: "alias/doomed", caller: Fixture.caller).keyState == .pendingDeletion)

        clock.advance(days: 0.1)
        try await kms.performDueMaintenance()
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller)
        }
        #expect(error == .keyNotFound(arn: key.arn))
        let aliasError = await kmsError { () async throws(KMSError) in
            _ = try await kms.describeKey(keyId: "alias/doomed", caller: Fixture.caller)
        }
        #expect(aliasError == .aliasNotFound(aliasArn: Fixture.aliasArn("alias/doomed")))
        let aliases = try await kms.listAliases(keyId: nil, limit: nil, marker: nil, caller: Fixture.caller).items
        #expect(aliases.map(\.aliasName) == ["alias/aws/s3", "alias/kept"])
        let keys = try await kms.listKeys(limit: nil, marker: nil, caller: Fixture.caller).items
        #expect(keys.map(\.keyId) == [survivor.keyId])
    }

    @Test func cancelledKeysSurviveTheWindow() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await Fixture.key(kms)
        _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
        _ = try await kms.cancelKeyDeletion(keyId: key.keyId, caller: Fixture.caller)
        clock.advance(days: 8)
        try await kms.performDueMaintenance()
        #expect(try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller).keyState == .disabled)
    }

    @Test func maintenanceServiceStopsOnCancellation() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await Fixture.key(kms)
        _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
        clock.advance(days: 8)
        let service = KMSMaintenanceService(kms: kms, interval: .milliseconds(10))
        let task = Task { try await service.run() }
        for _ in 0..<200 where try await kms.listKeys(limit: nil, marker: nil, caller: Fixture.caller).items.count > 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        task.cancel()
        try await task.value
        #expect(try await kms.listKeys(limit: nil, marker: nil, caller: Fixture.caller).items.isEmpty)
    }
}
