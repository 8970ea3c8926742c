import Logging
import PostgresSupport
import ServiceLifecycle

/// The PostgreSQL database of `--metadata`: opened before the key service and the object store that use it, its
/// pool running from then on, and stopped by ``PostgresPoolService`` after both have stopped.
enum PostgresWiring {
    /// Parses `url`, starts the pool and checks that the database answers (at most 5 s), so a wrong address or
    /// password stops the start with a message that names the database (never the password).
    static func open(url: String, logger: Logger) async throws -> (PostgresBackend, PostgresPoolService) {
        let location: PostgresLocation
        do {
            location = try PostgresLocation(url: url)
        } catch {
            throw CofferConfigurationError(message: "--metadata: \(error.description)")
        }
        var databaseLogger = logger
        databaseLogger[metadataKey: "component"] = "postgres"
        let backend = PostgresBackend(location: location, logger: databaseLogger)
        let pool = Task { await backend.run() }
        do {
            try await backend.prepareChangeLog()
        } catch {
            pool.cancel()
            throw CofferConfigurationError(message: "The metadata database \(location) is not usable: \(error)")
        }
        return (backend, PostgresPoolService(pool: pool))
    }
}

/// Stops the PostgreSQL pool at shutdown; listed before the key service's and the store's services, so it stops
/// after them.
struct PostgresPoolService: Service {
    let pool: Task<Void, Never>

    func run() async throws {
        try? await gracefulShutdown()
        pool.cancel()
        await pool.value
    }
}
