import CofferServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

/// Starts a private SeaweedFS once for the suite it marks, and stops it (removing its folder) after the suite.
struct SeaweedFSBackend: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await SeaweedFS.start()
        defer { server.stop() }
        try await S3Backend.withHTTPClient { httpClient in
            let backend = S3Backend(
                name: "SeaweedFS", endpoint: server.endpoint, accessKeyId: SeaweedFS.accessKeyId,
                secretAccessKey: SeaweedFS.secretAccessKey, region: SeaweedFS.region, httpClient: httpClient)
            try await S3Backend.$current.withValue(backend) { try await function() }
        }
    }
}

/// Starts a real Coffer server in-process (HummingbirdTesting `.live`, a real socket) once for the suite it marks.
struct CofferBackend: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coffer-s3blob-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = CofferConfiguration(
            port: 0, dataDirectory: directory.path, kmsRootKey: Data(repeating: 7, count: 32).base64EncodedString(),
            logLevel: .warning)
        let application = try await buildApplication(configuration: configuration)
        try await application.test(.live) { client in
            let port = try #require(client.port, "a live test server has a port")
            try await S3Backend.withHTTPClient { httpClient in
                let backend = S3Backend(
                    name: "Coffer", endpoint: URL(string: "http://127.0.0.1:\(port)")!,
                    accessKeyId: configuration.accessKeyId, secretAccessKey: configuration.secretAccessKey,
                    region: configuration.region, httpClient: httpClient)
                try await S3Backend.$current.withValue(backend) { try await function() }
            }
        }
    }
}
