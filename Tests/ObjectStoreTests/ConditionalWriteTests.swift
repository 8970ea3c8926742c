import Foundation
import TestSupport
import Testing

@testable import ObjectStore

/// `If-None-Match: *` and `If-Match` on PutObject, checked before the body and again in the commit's transaction.
@Suite("Conditional writes")
struct ConditionalWriteTests {
    @Test func ifNoneMatchWritesOnlyANewKey() async throws {
        try await StoreFixture.with { fixture in
            let first = try await fixture.put("k", [1]) { $0.writeConditions = WriteConditions(ifNoneMatch: true) }
            do {
                try await fixture.put("k", [2]) { $0.writeConditions = WriteConditions(ifNoneMatch: true) }
                Issue.record("overwrote an existing key")
            } catch let error as ObjectStoreError {
                #expect(error.kind == .preconditionFailed)
                #expect(error.details.condition == "If-None-Match")
                #expect(error.key == "k")
            }
            #expect(try await fixture.get("k") == [1])
            #expect(try await fixture.row("k").etag == first.etag.trimmingCharacters(in: ["\""]))
            #expect(fixture.blobFiles().count == 1)
        }
    }

    @Test func ifMatchWritesOnlyOverTheNamedVersion() async throws {
        try await StoreFixture.with { fixture in
            await fixture.expectError(.noSuchKey) {
                try await fixture.put("k", [1]) { $0.writeConditions = WriteConditions(ifMatch: "*") }
            }
            let first = try await fixture.put("k", [1])
            await fixture.expectError(.preconditionFailed) {
                try await fixture.put("k", [2]) { $0.writeConditions = WriteConditions(ifMatch: "\"0000\"") }
            }
            #expect(try await fixture.get("k") == [1])
            let second = try await fixture.put("k", [2]) { $0.writeConditions = WriteConditions(ifMatch: first.etag) }
            #expect(try await fixture.get("k") == [2])
            try await fixture.put("k", [3]) { $0.writeConditions = WriteConditions(ifMatch: "W/\(second.etag), \"x\"") }
            #expect(try await fixture.get("k") == [3])
        }
    }

    /// Eight `If-None-Match: *` PUTs of one key all pass the early check (their data-key requests are held until
    /// all eight have asked), then race to commit: exactly one wins, the others fail at the commit.
    @Test func concurrentIfNoneMatchWritesHaveExactlyOneWinner() async throws {
        try await StoreFixture.with { fixture in
            fixture.keys.createKey("race")
            fixture.keys.setGeneratesHeld(true)
            let contenders = 8
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<contenders {
                    group.addTask {
                        do {
                            try await fixture.put("k", [UInt8(index)]) {
                                $0.encryption = .sseKMS(keyId: "race")
                                $0.writeConditions = WriteConditions(ifNoneMatch: true)
                            }
                            return true
                        } catch let error as ObjectStoreError where error.kind == .preconditionFailed {
                            return false
                        }
                    }
                }
                let deadline = ContinuousClock.now + .seconds(30)
                while fixture.keys.generatesStarted < contenders {
                    guard ContinuousClock.now < deadline else { throw CancellationError() }
                    try await Task.sleep(for: .milliseconds(2))
                }
                fixture.keys.setGeneratesHeld(false)
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let winner = try await fixture.get("k")
            #expect(winner.count == 1)
            #expect(fixture.blobFiles().count == 1, "the losers' blobs are deleted")
        }
    }
}
