import Crypto
import Foundation
import NIOCore
import PostgresObjectMetadata
import PostgresSupport
import TestSupport
import Testing

@testable import ObjectStore

/// Object stores ("nodes") over one PostgreSQL database and one blob folder, as nodes sharing a database and a blob
/// bucket are.
struct SharedObjectStores {
    static let requester = DataKeyRequester(
        principalArn: "arn:aws:iam::111122223333:user/test", accountId: "111122223333")

    let nodes: [ObjectStore]
    let metadata: PostgresObjectMetadata

    /// Opens `count` stores on `server`'s database `coffer` (each with its own pool) for the time of `body`.
    static func with(
        _ server: PostgreSQL, count: Int = 2, requestLimit: Duration = .seconds(30),
        _ body: (SharedObjectStores) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = TestKeyService()
        let storeKey = SymmetricKey(size: .bits256)
        try await openNodes(server, count: count, requestLimit: requestLimit, directory: directory.path) { pools in
            var nodes: [ObjectStore] = []
            for metadata in pools {
                var configuration = ObjectStoreConfiguration(
                    dataDirectory: directory.path, durability: .relaxed, ioThreads: 2, inlineThreshold: 0)
                configuration.minimumPartSize = 1
                nodes.append(
                    try await ObjectStore.open(
                        configuration: configuration, storeKey: storeKey, dataKeyProvider: keys,
                        metadata: metadata.backend))
            }
            do {
                try await body(SharedObjectStores(nodes: nodes, metadata: pools[0]))
            } catch {
                for node in nodes { try? await node.shutdown() }
                throw error
            }
            for node in nodes { try await node.shutdown() }
        }
    }

    private static func openNodes(
        _ server: PostgreSQL, count: Int, requestLimit: Duration, directory: String,
        _ body: ([PostgresObjectMetadata]) async throws -> Void, opened: [PostgresObjectMetadata] = []
    ) async throws {
        guard opened.count < count else { return try await body(opened) }
        try await MetadataStores.withPostgres(server, requestLimit: requestLimit) { metadata, _ in
            try await openNodes(
                server, count: count, requestLimit: requestLimit, directory: directory, body,
                opened: opened + [metadata])
        }
    }
}

extension ObjectStore {
    /// PUTs `bytes` (one chunk) as `key` of `bucket`.
    @discardableResult
    func put(
        _ bucket: String, _ key: String, _ bytes: [UInt8], conditions: WriteConditions = .none
    ) async throws -> PutObjectResult {
        var request = PutObjectRequest(bucket: bucket, key: key, requester: SharedObjectStores.requester)
        request.writeConditions = conditions
        return try await putObject(request, body: Chunks(bytes: bytes))
    }

    /// GETs the whole object.
    func get(_ bucket: String, _ key: String) async throws -> [UInt8] {
        let result = try await getObject(
            GetObjectRequest(bucket: bucket, key: key, requester: SharedObjectStores.requester))
        var bytes: [UInt8] = []
        for try await buffer in result.body { bytes += buffer.readableBytesView }
        return bytes
    }
}

/// A body of one buffer.
struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let bytes: [UInt8]

    func makeAsyncIterator() -> AsyncStream<ByteBuffer>.Iterator {
        let bytes = bytes
        return AsyncStream<ByteBuffer> { continuation in
            if !bytes.isEmpty { continuation.yield(ByteBuffer(bytes: bytes)) }
            continuation.finish()
        }.makeAsyncIterator()
    }
}
