import Foundation
import Logging
import PostgresObjectMetadata
import PostgresSupport
import TestSupport
import Testing

@testable import ObjectStore

/// The two implementations of ``ObjectMetadataStore`` the conformance suite runs against.
enum MetadataBackendKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A check of the conformance suite: one behaviour, run on a fresh empty store.
typealias MetadataCheck = @Sendable (any ObjectMetadataStore) async throws -> Void

enum MetadataStores {
    /// Runs each check on a fresh, empty store of `kind`: a new SQLite file, or a new database of one PostgreSQL
    /// cluster started for the run.
    static func run(_ kind: MetadataBackendKind, _ checks: [MetadataCheck]) async throws {
        switch kind {
        case .sqlite:
            for check in checks { try await withSQLite(check) }
        case .postgres:
            let server = try await PostgreSQL.start()
            defer { server.stop() }
            for (index, check) in checks.enumerated() {
                try server.createDatabase("check\(index)")
                try await withPostgres(server, database: "check\(index)") { metadata, _ in try await check(metadata) }
            }
        }
    }

    /// A SQLite metadata store in a temporary folder, for the time of `body`.
    static func withSQLite(_ body: MetadataCheck) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("meta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try MetadataDatabase.open(
            path: directory.appendingPathComponent("meta.sqlite").path, durability: .relaxed,
            rowCache: ObjectRowCache(capacity: 100, inlineByteCapacity: 1 << 20))
        do {
            try await body(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// A running ``PostgresBackend`` on `database` of `server` and the object metadata in it, for the time of `body`.
    ///
    /// The default bound on a request is 30 s, not 5: the fixture starts clusters with blocking calls, which hold the
    /// two cooperative threads of this machine while other tests' requests wait.
    static func withPostgres<T>(
        _ server: PostgreSQL, database: String = "coffer", requestLimit: Duration = .seconds(30),
        _ body: (PostgresObjectMetadata, PostgresBackend) async throws -> T
    ) async throws -> T {
        let pool = PostgresBackend(
            location: try PostgresLocation(url: server.url(database: database)),
            logger: Logger(label: "coffer.test.postgres"), requestLimit: requestLimit)
        let task = Task { await pool.run() }
        defer { task.cancel() }
        let metadata = try await PostgresObjectMetadata.open(database: pool, logger: Logger(label: "coffer.test.meta"))
        return try await body(metadata, pool)
    }
}

/// Expects `body` to throw an ``ObjectStoreError`` of `kind`.
func expectError(
    _ kind: ObjectStoreError.Kind, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(kind), got success", sourceLocation: sourceLocation)
    } catch let error as ObjectStoreError {
        #expect(error.kind == kind, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(kind), got \(error)", sourceLocation: sourceLocation)
    }
}

extension Result where Failure == ObjectStoreError {
    /// The failure's kind, or nil on success.
    var errorKind: ObjectStoreError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }
}
