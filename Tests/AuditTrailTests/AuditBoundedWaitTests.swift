import AuditTrail
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A trail whose disk fails: bounded waits give up with a clear error instead of hanging, and nothing that was
/// accepted is lost once the disk works again.
@Suite(.timeLimit(.minutes(1))) final class AuditBoundedWaitTests: Sendable {
    private let directory = AuditFixtures.temporaryDirectory()

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("a full queue on a failing disk fails recordWithinLimit and flush(within:) in bounded time, then heals")
    func boundedWaitsGiveUpThenHeal() async throws {
        // Given a trail whose directory cannot be created (a file is in the way), a queue of one and a 300 ms limit
        var configuration = AuditFixtures.configuration(directory, capacity: 1, batch: 1)
        configuration.maximumWait = .milliseconds(300)
        let blocker = configuration.directory
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("not a directory".utf8)))
        let writer = AuditWriter(configuration: configuration)
        try await AuditFixtures.running(writer) { writer in
            try await writer.recordWithinLimit(AuditFixtures.event(requestID: "accepted-0"))
            #expect(await AuditFixtures.eventually { writer.snapshot().writeFailures >= 1 })
            try await writer.recordWithinLimit(AuditFixtures.event(requestID: "accepted-1"))

            // When the queue is full and the writer keeps failing, the next record gives up after the limit
            let start = ContinuousClock.now
            await #expect(throws: AuditTrailError.unavailable(blocker, errno: ENOTDIR)) {
                try await writer.recordWithinLimit(AuditFixtures.event(requestID: "refused"))
            }
            await #expect(throws: AuditTrailError.unavailable(blocker, errno: ENOTDIR)) {
                try await writer.flush(within: .milliseconds(300))
            }
            // Two waits of 300 ms; the bound is loose for a loaded machine (3.1 s was seen in a full CI run) and
            // still far below an unbounded wait, which only the disk's recovery would end.
            #expect(ContinuousClock.now - start < .seconds(15))
            #expect(writer.snapshot().abandonedWaits == 2)

            // Then, once the disk works again, every accepted event is written
            try FileManager.default.removeItem(atPath: blocker)
            try await writer.flush(within: .seconds(20))
        }
        let read = try AuditReader(directory: configuration.directory).events()
        #expect(read.map(\.requestID) == ["accepted-0", "accepted-1"])
    }
}
