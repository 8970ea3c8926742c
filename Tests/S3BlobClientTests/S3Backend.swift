import AsyncHTTPClient
import Foundation
import NIOCore
import S3BlobClient
import Testing

/// One running S3-compatible server the conformance checks talk to, with the shared `HTTPClient`.
///
/// A suite trait (``SeaweedFSBackend`` or ``CofferBackend``) starts the server once for its suite and publishes it
/// in ``current`` for the suite's tests.
struct S3Backend: Sendable {
    /// The backend of the running suite.
    @TaskLocal static var current: S3Backend?

    /// The server's name in messages.
    var name: String
    var endpoint: URL
    var accessKeyId: String
    var secretAccessKey: String
    var region: String
    var httpClient: HTTPClient

    /// The backend set by the suite's trait; a test outside such a suite fails.
    static func require() throws -> S3Backend {
        try #require(current, "the suite needs a SeaweedFSBackend or CofferBackend trait")
    }

    /// A client of a fresh bucket (created) with a fresh key prefix, so parallel checks never share keys.
    func freshClient(prefix: String? = nil) async throws -> S3BlobClient {
        let bucket = "conformance-\(UUID().uuidString.prefix(8).lowercased())"
        let client = self.client(bucket: bucket, prefix: prefix ?? "blobs/\(UUID().uuidString.prefix(8))")
        try await client.createBucketIfMissing()
        return client
    }

    /// A client of `bucket` with `prefix`; `secretAccessKey` replaces the right secret when given.
    func client(
        bucket: String, prefix: String, secretAccessKey: String? = nil, endpoint: URL? = nil,
        timeout: TimeAmount = .seconds(30)
    ) -> S3BlobClient {
        S3BlobClient(
            endpoint: endpoint ?? self.endpoint, bucket: bucket, prefix: prefix, region: self.region,
            accessKeyId: self.accessKeyId, secretAccessKey: secretAccessKey ?? self.secretAccessKey,
            httpClient: self.httpClient, timeout: timeout)
    }

    /// Runs `body` with an `HTTPClient` whose connection attempts give up after 2 s, then shuts it down.
    static func withHTTPClient<Value: Sendable>(
        _ body: @Sendable (HTTPClient) async throws -> Value
    ) async throws -> Value {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(2)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
