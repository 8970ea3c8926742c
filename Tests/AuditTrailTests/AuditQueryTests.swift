import AuditTrail
import Foundation
import Testing

@Suite final class AuditQueryTests: Sendable {
    private let directory = AuditFixtures.temporaryDirectory()

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }
    private let aliasARN = "arn:aws:kms:us-east-1:111122223333:alias/app"

    /// Writes ten events a minute apart: even ones on the first key, odd ones on the other; the last names an alias.
    private func writeTrail() async throws -> (AuditReader, [AuditEvent]) {
        let configuration = AuditFixtures.configuration(directory)
        var events = (0..<9).map { index in
            AuditFixtures.event(
                index.isMultiple(of: 3) ? "Decrypt" : "GenerateDataKey",
                key: index.isMultiple(of: 2) ? AuditFixtures.keyARN : AuditFixtures.otherKeyARN,
                at: AuditFixtures.noon.addingTimeInterval(Double(index) * 60), requestID: "req-\(index)")
        }
        events.append(
            AuditFixtures.event(
                "Encrypt", key: "alias/app", at: AuditFixtures.noon.addingTimeInterval(600),
                errorCode: "NotFoundException", requestID: "req-9"))
        let trail = events
        try await AuditFixtures.running(AuditWriter(configuration: configuration)) { writer in
            for event in trail { await writer.record(event) }
        }
        return (AuditReader(directory: configuration.directory), events)
    }

    @Test func filtersByKeyInEveryForm() async throws {
        let (reader, _) = try await writeTrail()
        let byARN = try reader.events(matching: AuditQuery(key: AuditFixtures.keyARN)).map(\.requestID)
        let byID = try reader.events(matching: AuditQuery(key: AuditFixtures.keyID)).map(\.requestID)
        #expect(byARN == ["req-0", "req-2", "req-4", "req-6", "req-8"])
        #expect(byID == byARN)
        #expect(try reader.events(matching: AuditQuery(key: "alias/app")).map(\.requestID) == ["req-9"])
        #expect(try reader.events(matching: AuditQuery(key: aliasARN)).map(\.requestID) == ["req-9"])
        #expect(try reader.events(matching: AuditQuery(key: "alias/other")).isEmpty)
    }

    @Test func filtersByEventNameSinceAndLimit() async throws {
        let (reader, _) = try await writeTrail()
        let decrypts = try reader.events(matching: AuditQuery(eventName: "decrypt")).map(\.requestID)
        #expect(decrypts == ["req-0", "req-3", "req-6"])

        let since = AuditFixtures.noon.addingTimeInterval(7 * 60)
        #expect(try reader.events(matching: AuditQuery(since: since)).map(\.requestID) == ["req-7", "req-8", "req-9"])

        // The most recent N, oldest first.
        #expect(try reader.events(matching: AuditQuery(limit: 2)).map(\.requestID) == ["req-8", "req-9"])
        let query = AuditQuery(key: AuditFixtures.keyID, eventName: "GenerateDataKey", limit: 2)
        #expect(try reader.events(matching: query).map(\.requestID) == ["req-4", "req-8"])
        #expect(try reader.events(matching: AuditQuery(limit: 0)).isEmpty)
    }

    @Test func rotatesDailyByEventTime() async throws {
        // Given events on both sides of midnight UTC in one batch
        let configuration = AuditFixtures.configuration(directory)
        let midnight = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01T00:00:00Z
        let events = [
            AuditFixtures.event(at: midnight.addingTimeInterval(-86_400), requestID: "day-1"),
            AuditFixtures.event(at: midnight.addingTimeInterval(-1), requestID: "day-1-late"),
            AuditFixtures.event(at: midnight, requestID: "day-2"),
            AuditFixtures.event(at: midnight.addingTimeInterval(86_400 + 5), requestID: "day-3"),
        ]
        try await AuditFixtures.running(AuditWriter(configuration: configuration)) { writer in
            for event in events { await writer.record(event) }
        }
        // Then each day has its own file, and the reader returns them oldest first
        let files = try FileManager.default.contentsOfDirectory(atPath: configuration.directory).sorted()
        #expect(files == ["audit-20261130.jsonl", "audit-20261201.jsonl", "audit-20261202.jsonl"])
        let reader = AuditReader(directory: configuration.directory)
        #expect(try reader.events().map(\.requestID) == events.map(\.requestID))
        #expect(try reader.events(matching: AuditQuery(since: midnight)).map(\.requestID) == ["day-2", "day-3"])
    }

    @Test func dayNames() {
        #expect(AuditDay(Date(timeIntervalSince1970: 1_796_083_199)).fileName == "audit-20261130.jsonl")
        #expect(AuditDay(fileName: "audit-20261201.jsonl") == AuditDay(Date(timeIntervalSince1970: 1_796_083_200)))
        #expect(AuditDay(fileName: "audit-2026120.jsonl") == nil)
        #expect(AuditDay(fileName: "audit-20261301.jsonl") == nil)
        #expect(AuditDay(fileName: "notes.txt") == nil)
    }

    @Test func tableAndJSONLines() async throws {
        let (reader, events) = try await writeTrail()
        let table = AuditFormatter.table(try reader.events(matching: AuditQuery(limit: 2)))
        let lines = table.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("TIME                  EVENT            USER"))
        #expect(lines[1].contains("2026-11-30T12:08:00Z"))
        #expect(lines[1].contains("arn:aws:iam::111122223333:user/alice"))
        #expect(lines[1].contains(AuditFixtures.keyID))
        #expect(lines[2].hasSuffix("NotFoundException"))
        #expect(lines[2].contains("alias/app"))

        let jsonLines = AuditFormatter.jsonLines(Array(events.suffix(2)))
        let decoded = try jsonLines.split(separator: "\n").map {
            try JSONDecoder.auditDecoder.decode(AuditEvent.self, from: Data($0.utf8))
        }
        #expect(decoded == Array(events.suffix(2)))
    }
}

extension JSONDecoder {
    fileprivate static var auditDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
