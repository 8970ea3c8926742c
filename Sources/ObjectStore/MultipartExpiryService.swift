import Logging
public import ServiceLifecycle

/// Aborts abandoned multipart uploads in the background: at start and then every `interval`, uploads older
/// than ``ObjectStoreConfiguration/multipartUploadExpiry`` are aborted and their part blobs removed.
///
/// Put it in the composition root's `ServiceGroup`; it stops at graceful shutdown.
public struct MultipartExpiryService: Service {
    /// The store to sweep.
    public let store: ObjectStore
    /// The time between sweeps.
    public let interval: Duration

    /// Creates the service; `interval` defaults to one hour.
    public init(store: ObjectStore, interval: Duration = .seconds(3600)) {
        self.store = store
        self.interval = interval
    }

    /// Sweeps until graceful shutdown; a failed sweep is logged and retried at the next interval.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await store.abortExpiredUploads()
                } catch {
                    store.logger.warning("Multipart expiry sweep failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
