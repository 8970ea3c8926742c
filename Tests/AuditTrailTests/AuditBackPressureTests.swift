import AuditTrail
import Foundation
import Synchronization
import Testing

@Suite final class AuditBackPressureTests: Sendable {
    private let directory = AuditFixtures.temporaryDirectory()

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func fullQueueSuspendsProducersInOrderAndDropsNothing() async throws {
        // Given a queue of two and a writer that is not running yet
        let configuration = AuditFixtures.configuration(directory, capacity: 2, batch: 1)
        let writer = AuditWriter(configuration: configuration)
        let events = (0..<6).map { AuditFixtures.event(requestID: "req-\($0)") }
        await writer.record(events[0])
        await writer.record(events[1])
        #expect(writer.snapshot().queueDepth == 2)

        // When four more producers arrive one after the other, each suspends behind the previous one
        let returned = RequestIDs()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, event) in events.enumerated().dropFirst(2) {
                group.addTask {
                    await writer.record(event)
                    returned.append(event.requestID)
                }
                #expect(await AuditFixtures.eventually { writer.snapshot().waitingProducers == index - 1 })
            }
            #expect(returned.all.isEmpty)
            #expect(writer.snapshot().backPressureWaits == 4)

            // Then starting the writer lets them all through, none dropped, in arrival order
            try await AuditFixtures.running(writer) { _ in
                await writer.flush()
            }
            try await group.waitForAll()
        }
        #expect(returned.all.count == 4)
        let read = try AuditReader(directory: configuration.directory).events()
        #expect(read.map(\.requestID) == events.map(\.requestID))
        #expect(writer.snapshot().eventsWritten == 6)
    }

    @Test func manyConcurrentProducersThroughATinyQueue() async throws {
        let configuration = AuditFixtures.configuration(directory, capacity: 16, batch: 8)
        let writer = AuditWriter(configuration: configuration)
        try await AuditFixtures.running(writer) { writer in
            await withTaskGroup(of: Void.self) { group in
                for producer in 0..<10 {
                    group.addTask {
                        for call in 0..<100 {
                            await writer.record(AuditFixtures.event(requestID: "p\(producer)-\(call)"))
                        }
                    }
                }
            }
        }
        let read = try AuditReader(directory: configuration.directory).events()
        #expect(read.count == 1_000)
        #expect(Set(read.map(\.requestID)).count == 1_000)
        // Each producer's events keep their order.
        for producer in 0..<10 {
            let calls = read.map(\.requestID).filter { $0.hasPrefix("p\(producer)-") }
            #expect(calls == (0..<100).map { "p\(producer)-\($0)" })
        }
    }

    @Test func aFailingDiskIsRetriedWithoutLoss() async throws {
        // Given a file standing where the audit directory must go: every write fails
        let configuration = AuditFixtures.configuration(directory, capacity: 4, batch: 2)
        #expect(FileManager.default.createFile(atPath: configuration.directory, contents: Data()))
        let writer = AuditWriter(configuration: configuration)
        try await AuditFixtures.running(writer) { writer in
            for index in 0..<3 { await writer.record(AuditFixtures.event(requestID: "req-\(index)")) }
            #expect(await AuditFixtures.eventually { writer.snapshot().writeFailures >= 1 })
            // When the obstacle goes away, the writer's retry succeeds
            try FileManager.default.removeItem(atPath: configuration.directory)
            await writer.flush()
        }
        // Then every event is there, once
        let read = try AuditReader(directory: configuration.directory).events()
        #expect(read.map(\.requestID) == ["req-0", "req-1", "req-2"])
    }
}

/// Request ids appended from several tasks.
private final class RequestIDs: Sendable {
    private let ids = Mutex<[String]>([])

    var all: [String] { ids.withLock { $0 } }

    func append(_ id: String) {
        ids.withLock { $0.append(id) }
    }
}
