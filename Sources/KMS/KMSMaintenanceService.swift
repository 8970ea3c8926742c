import Logging
public import ServiceLifecycle

/// The background job that deletes keys at the end of their deletion window and rotates keys when due.
///
/// Runs `performDueMaintenance()` once at start and then every `interval`, until graceful shutdown or
/// cancellation.
public struct KMSMaintenanceService: Service {
    private let kms: KeyManagementService
    private let interval: Duration
    private let logger = Logger(label: "coffer.kms.maintenance")

    /// - Parameter interval: the time between two runs (default one minute).
    public init(kms: KeyManagementService, interval: Duration = .seconds(60)) {
        self.kms = kms
        self.interval = interval
    }

    /// Runs until graceful shutdown or cancellation; a failed run is logged and retried next interval.
    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await kms.performDueMaintenance()
            } catch {
                logger.error("kms maintenance failed", metadata: ["error": "\(type(of: error))"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
