import Foundation
import GRDB
import Testing

@testable import ObjectStore

/// The metadata writer commits with `synchronous = FULL` in durable mode (each commit fsyncs the WAL before it
/// returns), although GRDB's WAL set-up resets it to NORMAL after `prepareDatabase`.
@Suite("Metadata database synchronous level")
struct SynchronousPragmaTests {
    @Test(arguments: [(Durability.durable, 2), (.relaxed, 1)])
    func theWriterRunsAtTheLevelOfItsDurability(durability: Durability, expected: Int) async throws {
        try await StoreFixture.with(durability: durability) { fixture in
            #expect(try await fixture.store.database.writerSynchronous() == expected)
            // Still so after writes, a checkpoint, and a reopening.
            try await fixture.put("k", testBytes(10))
            try await fixture.store.database.pool.barrierWriteWithoutTransaction {
                try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            #expect(try await fixture.store.database.writerSynchronous() == expected)
            let reopened = try await fixture.reopened()
            #expect(try await reopened.store.database.writerSynchronous() == expected)
            try await reopened.store.shutdown()
        }
    }
}
