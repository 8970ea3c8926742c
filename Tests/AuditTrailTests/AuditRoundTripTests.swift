import AuditTrail
import Foundation
import MetricsTestKit
import Testing

@Suite final class AuditRoundTripTests: Sendable {
    private let directory = AuditFixtures.temporaryDirectory()

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func successAndFailureRoundTrip() async throws {
        // Given a success made through S3 and a failure made over the wire
        let success = AuditFixtures.event("GenerateDataKey", invokedBy: AuditUserIdentity.s3ServicePrincipal)
        let failure = AuditFixtures.event("Decrypt", errorCode: "NotFoundException")
        // When both are recorded and the writer shuts down
        let writer = AuditWriter(configuration: AuditFixtures.configuration(directory))
        try await AuditFixtures.running(writer) { writer in
            await writer.record(success)
            await writer.record(failure)
        }
        // Then both read back unchanged, in order
        let reader = AuditReader(directory: AuditLayout.directory(dataDirectory: directory))
        let events = try reader.events()
        #expect(events == [success, failure])
        #expect(events[0].userIdentity.invokedBy == "s3.amazonaws.com")
        #expect(events[1].errorCode == "NotFoundException")
        #expect(writer.snapshot().eventsWritten == 2)
    }

    @Test func linesUseCloudTrailNames() async throws {
        let event = AuditFixtures.event(invokedBy: AuditUserIdentity.s3ServicePrincipal)
        let writer = AuditWriter(configuration: AuditFixtures.configuration(directory))
        try await AuditFixtures.running(writer) { await $0.record(event) }

        let line = AuditFixtures.contents(directory, day: "20261130")
        #expect(line.hasSuffix("}\n"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["eventVersion"] as? String == "1.08")
        #expect(object["eventSource"] as? String == "kms.amazonaws.com")
        #expect(object["eventTime"] as? String == "2026-11-30T12:00:00Z")
        #expect(object["eventType"] as? String == "AwsApiCall")
        #expect(object["eventCategory"] as? String == "Management")
        #expect(object["managementEvent"] as? Bool == true)
        #expect(object["readOnly"] as? Bool == true)
        #expect(object["recipientAccountId"] as? String == AuditFixtures.account)
        #expect(object["eventID"] as? String == event.eventID.uuidString.lowercased())
        let identity = try #require(object["userIdentity"] as? [String: Any])
        #expect(identity["type"] as? String == "IAMUser")
        #expect(identity["invokedBy"] as? String == "s3.amazonaws.com")
        let resource = try #require((object["resources"] as? [[String: Any]])?.first)
        #expect(resource["ARN"] as? String == AuditFixtures.keyARN)
        #expect(resource["type"] as? String == "AWS::KMS::Key")
        #expect(resource["accountId"] as? String == AuditFixtures.account)
        let parameters = try #require(object["requestParameters"] as? [String: Any])
        #expect(parameters["keySpec"] as? String == "AES_256")
        #expect((parameters["encryptionContext"] as? [String: String])?["aws:s3:arn"] == "arn:aws:s3:::bucket")
    }

    @Test func filesAreOwnerOnly() async throws {
        let writer = AuditWriter(configuration: AuditFixtures.configuration(directory))
        try await AuditFixtures.running(writer) { await $0.record(AuditFixtures.event()) }

        let auditDirectory = AuditLayout.directory(dataDirectory: directory)
        let manager = FileManager.default
        let directoryMode = try manager.attributesOfItem(atPath: auditDirectory)[.posixPermissions] as? Int
        let fileMode =
            try manager.attributesOfItem(atPath: auditDirectory + "/audit-20261130.jsonl")[
                .posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        #expect(fileMode == 0o600)
    }

    @Test func eventsSurviveARestart() async throws {
        let configuration = AuditFixtures.configuration(directory)
        let first = [AuditFixtures.event(), AuditFixtures.event("Decrypt")]
        try await AuditFixtures.running(AuditWriter(configuration: configuration)) { writer in
            for event in first { await writer.record(event) }
        }
        // A new writer (a restarted server) appends to the same day file.
        let second = AuditFixtures.event("Encrypt")
        try await AuditFixtures.running(AuditWriter(configuration: configuration)) { await $0.record(second) }

        let reader = AuditReader(directory: configuration.directory)
        #expect(try reader.events() == first + [second])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: configuration.directory) == ["audit-20261130.jsonl"])
    }

    @Test func flushMakesRecordedEventsDurable() async throws {
        let writer = AuditWriter(configuration: AuditFixtures.configuration(directory, delay: .milliseconds(20)))
        try await AuditFixtures.running(writer) { writer in
            await writer.record(AuditFixtures.event(requestID: "req-1"))
            await writer.flush()
            // Durable before shutdown: the line is in the file now.
            #expect(AuditFixtures.contents(directory, day: "20261130").contains("\"requestID\":\"req-1\""))
            await writer.flush()  // nothing pending: returns at once
        }
    }

    @Test func metricsCountWrittenEvents() async throws {
        let metrics = TestMetrics()
        let writer = AuditWriter(configuration: AuditFixtures.configuration(directory), metricsFactory: metrics)
        try await AuditFixtures.running(writer) { writer in
            for _ in 0..<5 { await writer.record(AuditFixtures.event()) }
        }
        #expect(metrics.counterTotal(label: "coffer_audit_events_total") == 5)
        let depth = try metrics.expectGauge("coffer_audit_queue_depth")
        #expect(depth.lastValue == 0)
    }
}
