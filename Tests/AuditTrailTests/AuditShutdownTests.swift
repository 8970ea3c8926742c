import AuditTrail
import Foundation
import Testing

@Suite final class AuditShutdownTests: Sendable {
    private let directory = AuditFixtures.temporaryDirectory()

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test(.timeLimit(.minutes(2))) func gracefulShutdownDrainsTheQueue() async throws {
        // Given a writer that would otherwise let a batch fill for an hour (the time limit fails a writer that waits)
        let configuration = AuditFixtures.configuration(directory, batch: 64, delay: .seconds(3600))
        let writer = AuditWriter(configuration: configuration)
        // When one event starts a batch, 299 follow, and shutdown comes while the writer lingers
        try await AuditFixtures.running(writer) { writer in
            await writer.record(AuditFixtures.event(requestID: "req-0"))
            try await Task.sleep(for: .milliseconds(50))
            for index in 1..<300 { await writer.record(AuditFixtures.event(requestID: "req-\(index)")) }
        }
        // Then run() returned without waiting out the batch delay, with every event on disk
        let read = try AuditReader(directory: configuration.directory).events()
        #expect(read.map(\.requestID) == (0..<300).map { "req-\($0)" })
        #expect(writer.snapshot().queueDepth == 0)
    }

    @Test func cancellationAlsoDrains() async throws {
        let configuration = AuditFixtures.configuration(directory, delay: .seconds(10))
        let writer = AuditWriter(configuration: configuration)
        let run = Task { try await writer.run() }
        for index in 0..<10 { await writer.record(AuditFixtures.event(requestID: "req-\(index)")) }
        run.cancel()
        try await run.value
        #expect(try AuditReader(directory: configuration.directory).events().count == 10)
    }

    @Test func eventsAfterShutdownAreWrittenDirectly() async throws {
        let configuration = AuditFixtures.configuration(directory)
        let writer = AuditWriter(configuration: configuration)
        try await AuditFixtures.running(writer) { await $0.record(AuditFixtures.event(requestID: "during")) }
        await writer.record(AuditFixtures.event(requestID: "after"))
        await writer.flush()
        let read = try AuditReader(directory: configuration.directory).events()
        #expect(read.map(\.requestID) == ["during", "after"])
        #expect(writer.snapshot().eventsWritten == 2)
    }
}
