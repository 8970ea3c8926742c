import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ObjectStore
import S3BlobClient
import S3Blobs
import ServiceLifecycle

/// Opens the S3 blob backend of `--blobs`: an HTTP client, the bucket (created when missing), the store's
/// ``ObjectStore/BlobStorage`` over it, and the service that closes the client after the store has stopped.
enum BlobBackend {
    static func open(
        _ configuration: BlobBackendConfiguration, logger: Logger
    ) async throws -> (storage: any BlobStorage, service: HTTPClientService) {
        var settings = HTTPClient.Configuration()
        // A refused connection is retried by the client until the connect timeout: keep it short, so a stopped
        // blob store gives a prompt 503 rather than a hung request.
        settings.timeout = .init(connect: .seconds(2), read: .seconds(30))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
        var blobLogger = logger
        blobLogger[metadataKey: "component"] = "blobs"
        let client = S3BlobClient(
            endpoint: configuration.endpoint, bucket: configuration.bucket, prefix: configuration.prefix,
            region: configuration.region, accessKeyId: configuration.accessKeyId,
            secretAccessKey: configuration.secretAccessKey, httpClient: http, logger: blobLogger)
        do {
            try await client.createBucketIfMissing()
        } catch {
            try? await http.shutdown()
            throw CofferConfigurationError(
                message: "The blob store at \(configuration.endpoint.absoluteString) is not usable: \(error)")
        }
        return (S3BlobStorage(client: client, logger: blobLogger), HTTPClientService(client: http))
    }
}

/// Closes the blob backend's HTTP client at shutdown; listed before the store's service, so it stops after it.
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
