import Crypto
import Foundation
import KMS
import Logging
import PostgresKeyStore
import PostgresSupport
import TestSupport
import Testing

@testable import KMS

/// One suite over both key storages (SQLite and PostgreSQL): every row change reads back the same, in the same
/// order, and a key service's whole state survives a reopen.
@Suite("Key storage conformance", .serialized, .enabled(if: PostgreSQL.testsRun))
struct KeyStorageConformanceTests {
    /// Runs `body` with an empty storage of `kind` and a way to open it again.
    static func withStorage(
        _ kind: KeyStoreNodes.Kind, _ body: (_ reopen: () async throws -> any KeyStorage) async throws -> Void
    ) async throws {
        switch kind {
        case .sqlite:
            let directory = try KeyStoreNodes.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("kms.sqlite").path
            try await body { try KMSDatabase.open(path: path) }
        case .postgres:
            let server = try await PostgreSQL.start()
            defer { server.stop() }
            try await KeyStoreNodes.withDatabase(server) { database in
                try await body { try await PostgresKeyStore.open(database: database, logger: .init(label: "test")) }
            }
        }
    }

    static func write(_ changes: [KeyRowChange], to storage: any KeyStorage) async throws {
        let always: @Sendable (Int64) -> Bool = { _ in true }
        try await storage.write(isCurrent: always) { _ in
            KeyStorageWrite(changes: changes, value: (), published: { _ in })
        }
    }

    @Test("every row change reads back, rotations and grants in written order", arguments: KeyStoreNodes.Kind.allCases)
    func rowChangesReadBack(kind: KeyStoreNodes.Kind) async throws {
        try await Self.withStorage(kind) { reopen in
            let storage = try await reopen()
            let rows = RowFixture()
            // Given every kind of change, over four writes
            try await Self.write(rows.createWrite, to: storage)
            try await Self.write(rows.changeWrite, to: storage)
            try await Self.write(rows.removeWrite, to: storage)
            try await Self.write(rows.otherKeyWrite + [.deleteKey(keyId: RowFixture.otherKeyId)], to: storage)
            // An empty write leaves the version alone
            try await Self.write([], to: storage)

            // Then a fresh load (through a reopened storage) holds exactly the expected rows
            let snapshot = try await reopen().load()
            #expect(snapshot.rows.sorted == rows.expected.sorted)
            #expect(snapshot.rows.grants.map(\.grantId) == rows.expected.grants.map(\.grantId))
            #expect(snapshot.rows.rotations.map(\.materialId) == rows.expected.rotations.map(\.materialId))
            #expect(snapshot.rows.tags == rows.expected.tags)
            if kind == .postgres { #expect(snapshot.version == 4) }
        }
    }

    @Test("a key service's state survives a reopen", arguments: KeyStoreNodes.Kind.allCases)
    func serviceStateSurvivesReopen(kind: KeyStoreNodes.Kind) async throws {
        let rootKey = SymmetricKey(size: .bits256)
        let clock = ManualClock()
        try await Self.withStorage(kind) { reopen in
            let kms = try await Self.service(over: reopen(), rootKey: rootKey, clock: clock)
            let ciphertext = try await ServiceScript.run(on: kms, clock: clock)
            let before = try await ServiceScript.state(of: kms)
            let rowsBefore = try await kms.storage.load().rows

            let reopened = try await Self.service(over: reopen(), rootKey: rootKey, clock: clock)
            #expect(try await ServiceScript.state(of: reopened) == before)
            #expect(try await reopened.storage.load().rows.sorted == rowsBefore.sorted)
            let plaintext = try await reopened.decrypt(
                ciphertextBlob: ciphertext, encryptionContext: ["a": "1"], keyId: nil, encryptionAlgorithm: nil,
                caller: KeyStoreNodes.caller)
            #expect(plaintext.plaintext.bytes == [1, 2, 3])
        }
    }

    static func service(over storage: any KeyStorage, rootKey: SymmetricKey, clock: ManualClock) async throws
        -> KeyManagementService
    {
        try await KeyManagementService.open(
            configuration: KeyStoreNodes.configuration(path: nil, rootKey: rootKey), clock: clock,
            keyStorage: KeyStorageBackend(storage))
    }
}

extension SymmetricKey {
    /// The key's bytes, for assertions only.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}
