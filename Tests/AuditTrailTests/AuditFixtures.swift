import AuditTrail
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import ServiceLifecycleTestKit

/// Events, directories and a running writer for the audit tests.
enum AuditFixtures {
    static let account = "111122223333"
    static let keyID = "1234abcd-12ab-34cd-56ef-1234567890ab"
    static let keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let otherKeyARN = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
    /// 2026-11-30T12:00:00Z.
    static let noon = Date(timeIntervalSince1970: 1_796_040_000)

    static let alice = AuditUserIdentity(
        type: .iamUser, principalId: "AIDAALICE", arn: "arn:aws:iam::111122223333:user/alice",
        accountId: account, accessKeyId: "AKIAALICE", userName: "alice")

    /// A GenerateDataKey by alice through S3, or any other call given its name, key and outcome.
    static func event(
        _ name: String = "GenerateDataKey", key: String = keyARN, at time: Date = noon,
        errorCode: String? = nil, requestID: String = UUID().uuidString, invokedBy: String? = nil
    ) -> AuditEvent {
        var identity = alice
        identity.invokedBy = invokedBy
        var parameters = AuditFields()
        parameters[.keyId] = .string(key)
        parameters[.encryptionContext] = JSONValue(["aws:s3:arn": "arn:aws:s3:::bucket"])
        parameters[.keySpec] = "AES_256"
        return AuditEvent(
            eventName: name, userIdentity: identity, awsRegion: "us-east-1", requestID: requestID,
            recipientAccountId: account, eventTime: time,
            sourceIPAddress: invokedBy ?? "127.0.0.1", userAgent: invokedBy ?? "Boto3/1.43.11",
            requestParameters: parameters, errorCode: errorCode,
            errorMessage: errorCode.map { _ in "Key '\(key)' does not exist" },
            resources: errorCode == nil ? [.kmsKey(arn: key)] : nil)
    }

    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "coffer-audit-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A configuration writing to `<directory>/audit` that writes each batch at once.
    static func configuration(
        _ directory: String, capacity: Int = 8_192, batch: Int = 512, delay: Duration = .zero
    ) -> AuditWriterConfiguration {
        AuditWriterConfiguration(
            directory: AuditLayout.directory(dataDirectory: directory), queueCapacity: capacity,
            maximumBatchSize: batch, maximumBatchDelay: delay)
    }

    /// Runs `writer` while `body` runs, then shuts it down gracefully and waits until it has drained.
    static func running<T: Sendable>(
        _ writer: AuditWriter, _ body: @Sendable (AuditWriter) async throws -> T
    ) async throws -> T {
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await writer.run() }
                let result = try await body(writer)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            }
        }
    }

    /// Polls `condition` every millisecond for up to five seconds.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<5_000 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return condition()
    }

    /// The text of one audit file.
    static func contents(_ directory: String, day: String) -> String {
        let path = AuditLayout.directory(dataDirectory: directory) + "/audit-\(day).jsonl"
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
