import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `If-None-Match: *` and `If-Match` on PutObject over HTTP.
@Suite struct ConditionalPutTests {
    @Test func ifNoneMatchCreatesOnlyOnce() async throws {
        try await S3TestHarness.run { _, client in
            let created = try await client.put("/bucket1/k", "first", headers: [("If-None-Match", "*")])
            #expect(created.status == .ok)
            let again = try await client.put("/bucket1/k", "second", headers: [("If-None-Match", "*")])
            #expect(again.status == .preconditionFailed)
            #expect(again.errorCode == "PreconditionFailed")
            #expect(again.xml("Condition") == "If-None-Match")
            #expect(try await client.get("/bucket1/k").text == "first")
            let etag = try await client.put("/bucket1/k", "x", headers: [("If-None-Match", "\"abc\"")])
            #expect(etag.status == .notImplemented)
        }
    }

    @Test func ifMatchReplacesOnlyTheNamedVersion() async throws {
        try await S3TestHarness.run { _, client in
            let missing = try await client.put("/bucket1/k", "x", headers: [("If-Match", "\"abc\"")])
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "NoSuchKey")
            let first = try await client.put("/bucket1/k", "first")
            let etag = try #require(first.headers[.eTag])
            let wrong = try await client.put("/bucket1/k", "second", headers: [("If-Match", "\"abc\"")])
            #expect(wrong.status == .preconditionFailed)
            #expect(wrong.xml("Condition") == "If-Match")
            let right = try await client.put("/bucket1/k", "second", headers: [("If-Match", etag)])
            #expect(right.status == .ok)
            #expect(try await client.get("/bucket1/k").text == "second")
        }
    }

    /// Concurrent `If-None-Match: *` PUTs of one key: exactly one is acknowledged, the others get 412.
    @Test func concurrentCreatorsHaveExactlyOneWinner() async throws {
        try await S3TestHarness.run { _, client in
            let statuses = try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status).self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let response = try await client.put(
                            "/bucket1/race", "writer \(index)", headers: [("If-None-Match", "*")])
                        return (index, response.status)
                    }
                }
                return try await group.reduce(into: [(Int, HTTPResponse.Status)]()) { $0.append($1) }
            }
            let winners = statuses.filter { $0.1 == .ok }
            #expect(winners.count == 1)
            #expect(statuses.filter { $0.1 == .preconditionFailed }.count == 11)
            let body = try await client.get("/bucket1/race").text
            #expect(body == "writer \(winners.first?.0 ?? -1)")
        }
    }
}
