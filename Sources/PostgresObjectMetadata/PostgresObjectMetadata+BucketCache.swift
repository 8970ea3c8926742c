import Logging
package import ObjectStore
import PostgresNIO
import PostgresSupport

/// Bucket rows and bucket access (policy, Block Public Access) are read on every request, so each node keeps them in
/// memory, coherent across nodes through the change log: every write of a bucket publishes its name in the write's
/// transaction, and each node's ``BucketChangeFollower`` drops that bucket's entries when the change commits (and
/// everything after a reconnection). The caches are used only while the follower listens; before, every read goes to
/// PostgreSQL. As on AWS, a bucket's configuration is eventually consistent across nodes: another node sees a change
/// once the notification arrives (milliseconds), or at the latest at the follower's 5 s backstop poll. Object rows are
/// never cached (read-after-write across nodes).
extension PostgresObjectMetadata {
    static let bucketChannel = "coffer_buckets"

    /// Tells every node that bucket `name` changed; call inside the writer's transaction.
    static func publishBucketChange(_ name: String, on connection: PostgresConnection, _ logger: Logger) async throws {
        try await PostgresChangeLog.publish(channel: bucketChannel, payload: name, on: connection, logger: logger)
    }

    /// Reads `name`'s value through `cache` while the caches are coherent, from PostgreSQL otherwise.
    func cached<Value: Sendable>(
        _ cache: BucketCache<Value>, _ name: String, read: () async throws -> Value
    ) async throws -> Value {
        guard caching.isActive else { return try await read() }
        if let value = cache.value(name) { return value }
        let generation = cache.generation
        let value = try await read()
        cache.store(value, for: name, readAt: generation)
        return value
    }

    /// Drops this node's entries of bucket `name`: after its own write commits, and when another node's commits.
    func forgetBucket(_ name: String) {
        bucketRows.invalidate(name)
        bucketAccessRows.invalidate(name)
    }

    /// The service that keeps the bucket caches coherent; add it to the service group.
    public var changeFollower: BucketChangeFollower { BucketChangeFollower(metadata: self) }

    /// Applies what the change log says.
    func follow(_ change: PostgresChange) {
        switch change {
        case .reset:
            bucketRows.invalidateAll()
            bucketAccessRows.invalidateAll()
            caching.activate()
        case .changed(let names):
            for name in names { forgetBucket(name) }
        }
    }
}
