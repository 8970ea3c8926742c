import PostgresSupport
public import ServiceLifecycle

/// Follows the bucket change log of a ``PostgresObjectMetadata`` until shutdown, so its bucket caches stay coherent
/// with every node's writes; the caches are off again once it stops.
public struct BucketChangeFollower: Service {
    let metadata: PostgresObjectMetadata

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await metadata.database.follow(channel: PostgresObjectMetadata.bucketChannel) { change in
                metadata.follow(change)
            }
        }
        metadata.caching.deactivate()
        try? await gracefulShutdown()
    }
}
