public import ServiceLifecycle

/// Runs an ``ObjectStore`` as a ServiceLifecycle service: it waits for graceful shutdown, then stops the
/// store's I/O threads and closes its database.
///
/// Put it in the composition root's `ServiceGroup` after the HTTP server, so requests drain first.
public struct ObjectStoreService: Service {
    /// The store this service shuts down.
    public let store: ObjectStore

    /// Creates the service for an opened store.
    public init(store: ObjectStore) {
        self.store = store
    }

    /// Waits for graceful shutdown (or cancellation), then shuts the store down.
    public func run() async throws {
        try? await gracefulShutdown()
        try await store.shutdown()
    }
}
