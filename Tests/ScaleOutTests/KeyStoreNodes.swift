import Crypto
import Foundation
import Logging
import PostgresKeyStore
import PostgresSupport
import Synchronization
import TestSupport
import Testing

@testable import KMS

/// Builders of the key-store tests: a running `PostgresBackend` on a fresh database of a fixture cluster, and key
/// services ("nodes") over it or over SQLite.
enum KeyStoreNodes {
    static let region = "us-east-1"
    static let account = "111122223333"
    static let caller = KMSCaller(principalArn: "arn:aws:iam::111122223333:root", accountId: account, channel: .api)

    /// The two storages every conformance test runs against.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// Runs `body` with a running database named `name` (created on `server`), stopped afterwards.
    ///
    /// Each call waits at most `requestLimit`: 30 s by default, since the whole suite on two cores can keep a healthy
    /// database from answering within a few seconds; tests that stop the database pass a short limit.
    static func withDatabase<T: Sendable>(
        _ server: PostgreSQL, name: String = "kms", requestLimit: Duration = .seconds(30),
        _ body: (PostgresBackend) async throws -> T
    ) async throws -> T {
        try server.createDatabase(name)
        let database = PostgresBackend(
            location: try PostgresLocation(url: server.url(database: name)), logger: Logger(label: "test.postgres"),
            requestLimit: requestLimit)
        let task = Task { await database.run() }
        defer { task.cancel() }
        return try await body(database)
    }

    /// A key service over `database` (a node), with a clock tests may move.
    static func node(
        _ database: PostgresBackend, rootKey: SymmetricKey, clock: any KMSClock = SystemKMSClock()
    ) async throws -> KeyManagementService {
        let store = try await PostgresKeyStore.open(database: database, logger: Logger(label: "test.kms"))
        return try await KeyManagementService.open(
            configuration: configuration(path: nil, rootKey: rootKey), clock: clock, keyStorage: store.backend)
    }

    /// A key service over the SQLite file at `path`.
    static func sqliteNode(path: String, rootKey: SymmetricKey, clock: any KMSClock) async throws
        -> KeyManagementService
    {
        try await KeyManagementService.open(configuration: configuration(path: path, rootKey: rootKey), clock: clock)
    }

    static func configuration(path: String?, rootKey: SymmetricKey) -> KMSConfiguration {
        KMSConfiguration(region: region, accountId: account, databasePath: path, rootKey: rootKey)
    }

    /// Runs `kms`'s change follower until the returned task is cancelled.
    static func follow(_ kms: KeyManagementService) -> Task<Void, Never> {
        Task { try? await kms.changeFollower.run() }
    }

    /// Polls `condition` every 2 ms for at most `limit`; returns the time it took to hold, or nil if it never did.
    static func waitUntil(limit: Duration = .seconds(5), _ condition: () async -> Bool) async -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if await condition() { return ContinuousClock.now - start }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return nil
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-kms-scaleout-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A clock tests move by hand.
final class ManualClock: KMSClock {
    private let date: Mutex<Date>

    init(_ date: Date = Date(timeIntervalSince1970: 1_700_000_000)) { self.date = Mutex(date) }

    func now() -> Date { date.withLock { $0 } }

    func advance(days: Double) { date.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }
}
