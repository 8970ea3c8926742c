public import ServiceLifecycle

/// Keeps a node's in-memory keys in step with the writes other nodes commit to a shared storage: reloads the store
/// when the storage reports a version this node does not have, or that it may have missed some (a reconnection).
///
/// Over SQLite (one node) it only waits for shutdown. Made by ``KeyManagementService/changeFollower``.
public struct KeyStoreFollower: Service {
    let kms: KeyManagementService

    /// Follows the storage until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await kms.storage.followChanges { change in await kms.follow(change) }
        }
        try? await gracefulShutdown()
    }
}
