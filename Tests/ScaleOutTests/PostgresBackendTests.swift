import Logging
import PostgresNIO
import PostgresSupport
import Synchronization
import TestSupport
import Testing

/// PostgresSupport against a real PostgreSQL: migrations, retried transactions, the change log, and a server that
/// goes away and comes back.
@Suite(.enabled(if: PostgreSQL.testsRun, "PostgreSQL is not installed (apt-get install postgresql)"), .serialized)
struct PostgresBackendTests {
    static let logger = Logger(label: "coffer.tests.postgres")

    /// Runs `body` with a database on a fresh cluster, its pool running, and stops both afterwards.
    static func withDatabase(
        requestLimit: Duration = .seconds(30), _ body: (PostgresBackend, PostgreSQL) async throws -> Void
    ) async throws {
        let server = try await PostgreSQL.start()
        defer { server.stop() }
        let database = PostgresBackend(
            location: try PostgresLocation(url: server.url()), logger: logger, requestLimit: requestLimit)
        let pool = Task { await database.run() }
        defer { pool.cancel() }
        try await body(database, server)
    }

    @Test func migrationsRunOnceEvenWhenNodesStartTogether() async throws {
        try await Self.withDatabase { database, server in
            let other = PostgresBackend(location: database.location, logger: Self.logger, requestLimit: .seconds(30))
            let pool = Task { await other.run() }
            defer { pool.cancel() }
            let migrations = [
                PostgresMigration(
                    name: "v1 t", statements: ["CREATE TABLE demo.t (n INT)", "INSERT INTO demo.t VALUES (1)"]),
                PostgresMigration(name: "v2 u", statements: ["INSERT INTO demo.t VALUES (2)"]),
            ]
            async let first: Void = database.migrate(schema: "demo", migrations)
            async let second: Void = other.migrate(schema: "demo", migrations)
            _ = try await (first, second)
            try await database.migrate(schema: "demo", migrations)
            #expect(try server.psql("SELECT string_agg(n::text, ',' ORDER BY n) FROM demo.t") == "1,2")
            #expect(try server.psql("SELECT count(*) FROM demo.migrations") == "2")
        }
    }

    @Test func serializationFailuresAreRetriedUntilEveryTransactionCommits() async throws {
        try await Self.withDatabase { database, server in
            try server.psql("CREATE TABLE counter (n INT NOT NULL); INSERT INTO counter VALUES (0)")
            let attempts = AttemptCounter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await database.transaction(serializable: true) { connection in
                            attempts.count.add(1, ordering: .relaxed)
                            var value = 0
                            for try await n in try await connection.query("SELECT n FROM counter", logger: Self.logger)
                                .decode(Int.self)
                            {
                                value = n
                            }
                            try await connection.query("UPDATE counter SET n = \(value + 1)", logger: Self.logger)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try server.psql("SELECT n FROM counter") == "6", "no increment lost")
            #expect(attempts.count.load(ordering: .relaxed) >= 6)
        }
    }

    @Test func followersSeeCommittedChangesInOrderAndNeverRolledBackOnes() async throws {
        try await Self.withDatabase { database, _ in
            try await database.prepareChangeLog()
            let (changes, received) = AsyncStream.makeStream(of: PostgresChange.self)
            let follower = Task {
                await database.follow(channel: "test", backstop: .seconds(30)) { received.yield($0) }
            }
            defer { follower.cancel() }
            var iterator = changes.makeAsyncIterator()
            #expect(await iterator.next() == .reset, "a follower starts by forgetting what it cached")
            try await database.transaction { connection in
                try await PostgresChangeLog.publish(channel: "test", payload: "a", on: connection, logger: Self.logger)
                try await PostgresChangeLog.publish(channel: "test", payload: "b", on: connection, logger: Self.logger)
            }
            struct Abandon: Error {}
            await #expect(throws: Abandon.self) {
                try await database.transaction { connection in
                    try await PostgresChangeLog.publish(
                        channel: "test", payload: "rolled back", on: connection, logger: Self.logger)
                    throw Abandon()
                }
            }
            try await database.transaction { connection in
                try await PostgresChangeLog.publish(channel: "test", payload: "c", on: connection, logger: Self.logger)
            }
            var payloads: [String] = []
            while payloads.count < 3, let change = await iterator.next() {
                guard case .changed(let batch) = change else { continue }
                payloads += batch
            }
            #expect(payloads == ["a", "b", "c"])
        }
    }

    @Test func aStoppedServerIsUnavailableAndARestartedOneServesAgain() async throws {
        try await Self.withDatabase(requestLimit: .seconds(10)) { database, server in
            try await database.prepareChangeLog()
            let (changes, received) = AsyncStream.makeStream(of: PostgresChange.self)
            let follower = Task {
                await database.follow(channel: "test", backstop: .seconds(1)) { received.yield($0) }
            }
            defer { follower.cancel() }
            var iterator = changes.makeAsyncIterator()
            #expect(await iterator.next() == .reset)
            #expect(try await Self.one(database) == 1)
            server.halt()
            await #expect(throws: PostgresUnavailable.self) { try await Self.one(database) }
            try await server.restart()
            // Bounded: 30 tries, 200 ms apart; each may meet a connection the restart cut or the pool's backoff.
            var answered = false
            for _ in 0..<30 where !answered {
                answered = (try? await Self.one(database)) == 1
                if !answered { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(answered, "the pool reconnects by itself")
            #expect(await iterator.next() == .reset, "a follower that reconnects is told it may have missed changes")
        }
    }

    static func one(_ database: PostgresBackend) async throws -> Int {
        try await database.withConnection { connection in
            for try await value in try await connection.query("SELECT 1", logger: logger).decode(Int.self) {
                return value
            }
            return 0
        }
    }
}

/// How many times transaction bodies ran.
private final class AttemptCounter: Sendable {
    let count = Atomic<Int>(0)
}
