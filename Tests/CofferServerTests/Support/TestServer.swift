import CofferServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// Builds real Coffer servers for tests: a temporary data folder, a fixed root key, and port 0.
enum TestServer {
    /// A fixed root key, so tests need no key file.
    static let rootKey = Data(repeating: 7, count: 32).base64EncodedString()

    /// A configuration over `dataDirectory` with the default credentials.
    static func configuration(dataDirectory: URL) -> CofferConfiguration {
        CofferConfiguration(port: 0, dataDirectory: dataDirectory.path, kmsRootKey: rootKey, logLevel: .warning)
    }

    /// A configuration over a `data` folder inside `directory`, with `users` (a `--users` JSON document) written
    /// to `directory/users.json`.
    static func configuration(in directory: URL, users: String) throws -> CofferConfiguration {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let usersFile = directory.appendingPathComponent("users.json")
        try Data(users.utf8).write(to: usersFile)
        var configuration = configuration(dataDirectory: directory.appendingPathComponent("data"))
        configuration.usersFile = usersFile.path
        return configuration
    }

    /// Runs `body` against a fresh server in `mode`, then removes its data folder.
    static func run<Value: Sendable>(
        _ mode: TestingSetup = .router,
        configure: (inout CofferConfiguration) -> Void = { _ in },
        _ body: @Sendable (KMSTestClient) async throws -> Value
    ) async throws -> Value {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coffer-test-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = configuration(dataDirectory: directory)
        configure(&configuration)
        let application = try await buildApplication(configuration: configuration)
        return try await application.test(mode) { client in
            try await body(KMSTestClient(client: client))
        }
    }
}
