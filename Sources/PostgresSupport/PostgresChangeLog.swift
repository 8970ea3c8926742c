import Logging
public import PostgresNIO

/// A change log shared by the nodes of one database: writers append a row in the transaction of their change and
/// notify at commit (`pg_notify`); each node follows the log to drop what it cached.
///
/// Push with a pull behind it: a node wakes on `LISTEN` notifications and also reads the log every `backstop`
/// (the TTL bound when a notification is lost), and after every reconnection it is told to forget everything
/// (``PostgresChange/reset``) because it may have missed changes meanwhile. Publishers of a channel are serialized
/// by a transaction-scoped advisory lock, so the log's sequence numbers are in commit order and a reader that reads
/// "everything after the last number I saw" misses nothing. Rows older than an hour are pruned.
public enum PostgresChangeLog {
    static let schema = "coffer_changes"

    static let migrations = [
        PostgresMigration(
            name: "v1 change log",
            statements: [
                """
                CREATE TABLE coffer_changes.change_log (
                    seq BIGSERIAL PRIMARY KEY,
                    channel TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    at TIMESTAMPTZ NOT NULL DEFAULT now())
                """,
                "CREATE INDEX change_log_channel ON coffer_changes.change_log (channel, seq)",
            ])
    ]

    /// Appends `payload` to `channel`'s log inside the caller's open transaction on `connection`; the nodes that
    /// follow the channel are notified when (and only if) that transaction commits.
    public static func publish(channel: String, payload: String, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtext(\("coffer-change-log:" + channel)))", logger: logger)
        try await connection.query(
            "INSERT INTO coffer_changes.change_log (channel, payload) VALUES (\(channel), \(payload))", logger: logger)
        try await connection.query("SELECT pg_notify(\(channel), '')", logger: logger)
    }
}

/// What a follower of a channel learns.
public enum PostgresChange: Sendable, Equatable {
    /// These payloads were committed, in commit order.
    case changed([String])
    /// Changes may have been missed (first connection, or a reconnection): forget everything cached.
    case reset
}

extension PostgresBackend {
    /// Creates the change log's schema if needed. Run once at start, before ``follow(channel:backstop:_:)``.
    public func prepareChangeLog() async throws {
        try await migrate(schema: PostgresChangeLog.schema, PostgresChangeLog.migrations)
    }

    /// Follows `channel` until the task is cancelled: calls `handle` with ``PostgresChange/reset`` once listening
    /// (and after every reconnection), then with each batch of changes as they commit. Never throws: a lost
    /// connection is retried every 200 ms to 2 s, and reported by the next `reset`.
    public func follow(
        channel: String, backstop: Duration = .seconds(5), _ handle: @escaping @Sendable (PostgresChange) async -> Void
    ) async {
        var pause = Duration.milliseconds(200)
        while !Task.isCancelled {
            do {
                try await followOnce(channel: channel, backstop: backstop, handle) { pause = .milliseconds(200) }
            } catch {
                if Task.isCancelled { return }
                logger.warning(
                    "change feed lost its connection; retrying",
                    metadata: ["channel": "\(channel)", "error": "\(String(reflecting: error).prefix(200))"])
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(2))
        }
    }

    /// One connection's life: LISTEN, reset, then catch up on every notification and every `backstop`.
    private func followOnce(
        channel: String, backstop: Duration, _ handle: @escaping @Sendable (PostgresChange) async -> Void,
        connected: () -> Void
    ) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: location.connectionConfiguration(), id: 1, logger: logger)
        do {
            try await listen(on: connection, channel: channel, backstop: backstop, handle, connected: connected)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    private func listen(
        on connection: PostgresConnection, channel: String, backstop: Duration,
        _ handle: @escaping @Sendable (PostgresChange) async -> Void, connected: () -> Void
    ) async throws {
        try await connection.listen(on: channel) { notifications in
            connected()
            var last = try await Self.lastSequence(channel: channel, on: connection, logger: logger)
            await handle(.reset)
            let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            // Not a task group: a group waits for its tasks, and the notification sequence of a connection the
            // server dropped did not always end here. These two are cancelled on the way out and never awaited.
            let listener = Task {
                do { for try await _ in notifications { wake.yield() } } catch {}
                wake.finish()
            }
            let poller = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: backstop)
                    wake.yield()
                }
            }
            defer {
                listener.cancel()
                poller.cancel()
            }
            for await _ in wakeups {
                let (payloads, newest) = try await Self.changes(
                    channel: channel, after: last, on: connection, logger: self.logger)
                last = newest
                if !payloads.isEmpty { await handle(.changed(payloads)) }
            }
            throw PostgresUnavailable(location: self.location, reason: "the notification stream ended")
        }
    }

    private static func lastSequence(channel: String, on connection: PostgresConnection, logger: Logger)
        async throws -> Int64
    {
        let rows = try await connection.query(
            "SELECT coalesce(max(seq), 0) FROM coffer_changes.change_log WHERE channel = \(channel)", logger: logger)
        for try await value in rows.decode(Int64.self) { return value }
        return 0
    }

    /// The payloads after `last`, in order, and the newest sequence number read; prunes rows older than an hour.
    private static func changes(channel: String, after last: Int64, on connection: PostgresConnection, logger: Logger)
        async throws -> ([String], Int64)
    {
        var payloads: [String] = []
        var newest = last
        let rows = try await connection.query(
            """
            SELECT seq, payload FROM coffer_changes.change_log WHERE channel = \(channel) AND seq > \(last) \
            ORDER BY seq
            """, logger: logger)
        for try await (seq, payload) in rows.decode((Int64, String).self) {
            payloads.append(payload)
            newest = seq
        }
        try await connection.query(
            "DELETE FROM coffer_changes.change_log WHERE at < now() - interval '1 hour'", logger: logger)
        return (payloads, newest)
    }
}
