import Logging
import PostgresKeyStore
import PostgresObjectMetadata
import PostgresSupport

/// The state several nodes share when `--metadata` names a PostgreSQL database: the key store and the object
/// metadata on one pool, and the service that stops the pool after both.
struct SharedState {
    let keys: PostgresKeyStore
    let objects: PostgresObjectMetadata
    let pool: PostgresPoolService

    /// Opens the database of `configuration.metadataURL` and migrates both schemas; nil without `--metadata`.
    static func open(_ configuration: CofferConfiguration, logger: Logger) async throws -> SharedState? {
        guard let url = configuration.metadataURL else { return nil }
        let (backend, pool) = try await PostgresWiring.open(url: url, logger: logger)
        do {
            let keys = try await PostgresKeyStore.open(database: backend, logger: logger)
            let objects = try await PostgresObjectMetadata.open(database: backend, logger: logger)
            logger.info("metadata and keys in PostgreSQL", metadata: ["database": "\(backend.location)"])
            return SharedState(keys: keys, objects: objects, pool: pool)
        } catch {
            pool.pool.cancel()
            throw CofferConfigurationError(message: "The metadata database \(backend.location) is not usable: \(error)")
        }
    }
}
