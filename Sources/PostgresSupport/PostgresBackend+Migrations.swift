import PostgresNIO

/// One named step of a schema's history. Migrations are append-only: a released one is never edited or removed.
public struct PostgresMigration: Sendable {
    public let name: String
    /// One SQL statement each (postgres-nio sends each as one prepared statement, which holds only one).
    public let statements: [String]

    public init(name: String, statements: [String]) {
        self.name = name
        self.statements = statements
    }
}

extension PostgresBackend {
    /// Creates `schema` if needed and applies the migrations it has not seen, in order, all in one transaction.
    ///
    /// Several nodes starting at once are serialized by a transaction-scoped advisory lock on the schema's name, so
    /// each migration runs exactly once.
    public func migrate(schema: String, _ migrations: [PostgresMigration]) async throws {
        try await transaction { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtext(\("coffer-migrations:" + schema)))", logger: self.logger)
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: self.logger)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        CREATE TABLE IF NOT EXISTS \(schema).migrations (
                            name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                        """), logger: self.logger)
            var applied: Set<String> = []
            for try await name in try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT name FROM \(schema).migrations"), logger: self.logger
            ).decode(String.self) {
                applied.insert(name)
            }
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "INSERT INTO \(schema).migrations (name) VALUES ($1)",
                        binds: Self.binds(migration.name)),
                    logger: self.logger)
            }
        }
    }

    private static func binds(_ value: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(value)
        return binds
    }
}
