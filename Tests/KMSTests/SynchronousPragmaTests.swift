import Crypto
import Foundation
import GRDB
import Testing

@testable import KMS

/// Every key-service change is durable when it is acknowledged: its database's writer commits with
/// `synchronous = FULL`, which GRDB's WAL set-up would otherwise leave at NORMAL.
@Suite("KMS database synchronous level")
struct KMSSynchronousPragmaTests {
    @Test func theWriterRunsAtFullBeforeAndAfterChanges() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kms/kms.sqlite").path
        let rootKey = SymmetricKey(size: .bits256)
        let kms = try Fixture.kms(path: path, rootKey: rootKey)
        let database = try #require(kms.storage as? KMSDatabase)
        #expect(try await database.writerSynchronous() == 2)
        _ = try await Fixture.key(kms)
        try await database.writer.barrierWriteWithoutTransaction {
            try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        #expect(try await database.writerSynchronous() == 2)
        let reopened = try Fixture.kms(path: path, rootKey: rootKey)
        #expect(try await (reopened.storage as? KMSDatabase)?.writerSynchronous() == 2)
    }
}
