import AuditTrail
import Foundation
import Testing

/// `recordDurably`: the key service answers a change only once its event is synced, without waiting out the
/// writer's batch delay.
@Suite("Audit durable record")
struct AuditDurableRecordTests {
    let directory = AuditFixtures.temporaryDirectory()

    @Test(.timeLimit(.minutes(1))) func returnsOnceTheEventIsOnDiskWithoutLingering() async throws {
        // Given a writer that would otherwise let a batch fill for an hour (the time limit fails one that waits).
        let configuration = AuditFixtures.configuration(directory, delay: .seconds(3600))
        let writer = AuditWriter(configuration: configuration)
        try await AuditFixtures.running(writer) { writer in
            for index in 0..<20 {
                // When a change's event is recorded durably, then it is in the day file as soon as the call returns.
                try await writer.recordDurably(AuditFixtures.event("CreateKey", requestID: "req-\(index)"))
                let read = try AuditReader(directory: configuration.directory).events()
                #expect(read.map(\.requestID).last == "req-\(index)")
                #expect(read.count == index + 1)
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
