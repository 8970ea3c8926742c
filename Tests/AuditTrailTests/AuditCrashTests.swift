import AuditTrail
import Foundation
import Testing

@Suite final class AuditCrashTests: Sendable {
    private let directory = AuditFixtures.temporaryDirectory()

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func truncateLastLine(_ path: String) throws {
        // A crash in the middle of an append: the last line loses its second half and its newline.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let lastStart = data.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let cut = lastStart + (data.count - lastStart) / 2
        try data.prefix(cut).write(to: URL(fileURLWithPath: path))
    }

    @Test func aTornLastLineIsSkipped() async throws {
        let configuration = AuditFixtures.configuration(directory)
        let events = (0..<3).map { AuditFixtures.event(requestID: "req-\($0)") }
        try await AuditFixtures.running(AuditWriter(configuration: configuration)) { writer in
            for event in events { await writer.record(event) }
        }
        let path = configuration.directory + "/audit-20261130.jsonl"
        try truncateLastLine(path)

        let result = try AuditReader(directory: configuration.directory).read()
        #expect(result.events == Array(events.prefix(2)))
        #expect(result.skippedLines == 1)
    }

    @Test func aWriterAfterTheCrashDoesNotGlueOntoTheTornLine() async throws {
        // Given a day file whose last line was torn
        let configuration = AuditFixtures.configuration(directory)
        let before = (0..<2).map { AuditFixtures.event(requestID: "before-\($0)") }
        try await AuditFixtures.running(AuditWriter(configuration: configuration)) { writer in
            for event in before { await writer.record(event) }
        }
        try truncateLastLine(configuration.directory + "/audit-20261130.jsonl")
        // When the restarted server appends
        let after = AuditFixtures.event(requestID: "after")
        try await AuditFixtures.running(AuditWriter(configuration: configuration)) { await $0.record(after) }
        // Then the new event reads back; only the torn fragment is skipped
        let result = try AuditReader(directory: configuration.directory).read()
        #expect(result.events == [before[0], after])
        #expect(result.skippedLines == 1)
    }

    @Test func aMissingDirectoryIsAnEmptyTrail() throws {
        let reader = AuditReader(directory: directory + "/nowhere")
        #expect(try reader.events().isEmpty)
    }
}
