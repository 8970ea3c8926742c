public import Logging
import NIOCore
import NIOPosix
public import PostgresNIO
public import ServiceLifecycle
import Synchronization

/// One PostgreSQL database shared by every Coffer node: a connection pool (postgres-nio's `PostgresClient`),
/// transactions that retry serialization failures and deadlocks, and append-only migrations per schema.
///
/// The pool only works while ``run()`` runs: add the database to the service group (it is a `Service`) before the
/// stores that use it, so it stops after them. Each call waits at most ``requestLimit`` for a connection and its
/// work; a database that cannot be reached meanwhile is a ``PostgresUnavailable`` error, which the wire layers
/// answer with 503 (S3) or `KMSInternalException` (KMS), as they do for a disk that fails.
public final class PostgresBackend: Service, Sendable {
    public let location: PostgresLocation
    public let client: PostgresClient
    let logger: Logger
    /// How long one call may wait for a connection and its statements before it fails as unavailable.
    public let requestLimit: Duration
    /// How many times a transaction that hit a serialization failure (40001) or a deadlock (40P01) runs.
    static let attempts = 8

    public init(location: PostgresLocation, logger: Logger, requestLimit: Duration = .seconds(5)) {
        self.location = location
        self.logger = logger
        self.requestLimit = requestLimit
        self.client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down.
    public func run() async {
        await cancelWhenGracefulShutdown { await self.client.run() }
    }

    /// Runs `body` on one pooled connection, outside any transaction (reads that need no snapshot across statements).
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await bounded { try await self.client.withConnection(body) }
    }

    /// Runs `body` in one transaction and commits it; retries the whole transaction (up to 8 runs, with a short
    /// random pause) when PostgreSQL aborts it for a serialization failure or a deadlock, so `body` must do nothing
    /// but database work. `serializable` runs it at `SERIALIZABLE` isolation (default: `READ COMMITTED`).
    public func transaction<T: Sendable>(
        serializable: Bool = false, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await bounded {
                    try await self.client.withConnection { connection in
                        try await Self.inTransaction(connection, serializable: serializable, logger: self.logger, body)
                    }
                }
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < Self.attempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    private static func inTransaction<T>(
        _ connection: PostgresConnection, serializable: Bool, logger: Logger,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await connection.query(serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN", logger: logger)
        do {
            let value = try await body(connection)
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// True for the errors after which running the same transaction again may succeed.
    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// Runs `body` within ``requestLimit``; a connection failure or the limit is ``PostgresUnavailable``.
    ///
    /// The caller gets its answer at the limit even when `body` does not end: postgres-nio's pool keeps a request
    /// waiting while it retries a server that refuses connections. `body` is then cancelled and left to end alone.
    func bounded<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let limit = requestLimit
        let location = self.location
        let outcome = FirstAnswer<T>()
        let work = Task<Void, Never> {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.resume(with: result)
        }
        // An event-loop timer, not a sleeping task: one heap entry per call instead of a task and a dispatch timer
        // (measured: the sleeping task cost 3-4 % of a 1 MiB GET's CPU).
        let timer = Self.timerLoop.scheduleTask(in: .nanoseconds(Int64(limit / .nanoseconds(1)))) {
            // Answer first: the cancelled work ends with the pool's own error, which must not win the race.
            outcome.resume(with: .failure(PostgresUnavailable(location: location, reason: "no answer within \(limit)")))
            work.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { outcome.wait(with: $0) }
            } onCancel: {
                work.cancel()
            }
        } catch let error as PSQLError where Self.isConnectionFailure(error) {
            throw PostgresUnavailable(location: location, reason: "\(error.code)")
        }
    }

    /// The event loops of the calls' timers.
    private static var timerLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }

    /// True when `error` says the server could not be reached or went away, rather than refusing a statement.
    static func isConnectionFailure(_ error: PSQLError) -> Bool {
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            // 57P01..57P03: the server is shutting down or starting; 08xxx: connection exceptions.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        default:
            return false
        }
    }
}

/// The database could not be reached (or did not answer in time): a condition that passes, not a refusal.
public struct PostgresUnavailable: Error, CustomStringConvertible {
    public let location: PostgresLocation
    public let reason: String
    public var description: String { "PostgreSQL at \(location) is unavailable: \(reason)" }
}

/// The first of two answers (the work's or the timer's) resumes the waiting caller; the second is dropped.
private final class FirstAnswer<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var early: Result<T, any Error>?
        var answered = false
    }
    private let state = Mutex(State())

    func wait(with continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func resume(with result: Result<T, any Error>) {
        let continuation: CheckedContinuation<T, any Error>? = state.withLock { state in
            guard !state.answered else { return nil }
            state.answered = true
            guard let continuation = state.continuation else {
                state.early = result
                return nil
            }
            state.continuation = nil
            return continuation
        }
        continuation?.resume(with: result)
    }
}
