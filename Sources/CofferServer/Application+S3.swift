import Crypto
import Foundation
import HTTPSupport
import Hummingbird
import KMS
import Logging
import ObjectStore
import PostgresObjectMetadata
import S3API

/// The object store and its S3 API, wired into the application: store key → store → S3 routes.
enum S3Wiring {
    /// Opens the object store at `<data>` (`meta/`, `objects/`), registers the S3 routes on `router`, and
    /// returns the service that shuts the store down once the server has stopped (the HTTP server is the
    /// application's last service, so it drains its requests first).
    /// - Throws: when the store key or the store cannot be opened.
    static func install(
        configuration: CofferConfiguration, dataDirectory: URL, rootKey: SymmetricKey, kms: KeyManagementService,
        credentials: CredentialStore, blobStorage: (any BlobStorage)?, sharedMetadata: PostgresObjectMetadata?,
        router: Router<CofferRequestContext>, logger: Logger
    ) async throws -> ObjectStoreService {
        let storeKey: SymmetricKey
        if let sharedMetadata {
            // Every node must seal SSE-S3 data keys under the same store key: the first node's, kept in the database.
            let sealed = try await sharedMetadata.sharedStoreKey(
                sealedCandidate: try StoreKeyLoader.sealNew(rootKey: rootKey))
            storeKey = try StoreKeyLoader.open(sealed, rootKey: rootKey, source: "the metadata database")
        } else {
            storeKey = try StoreKeyLoader.load(
                file: dataDirectory.appendingPathComponent("meta/store.key").path, rootKey: rootKey)
        }
        var storeLogger = logger
        storeLogger[metadataKey: "component"] = "objectstore"
        let store = try await ObjectStore.open(
            configuration: ObjectStoreConfiguration(
                dataDirectory: dataDirectory.path, region: configuration.region,
                bucketKeyTTL: configuration.bucketKeyTTL, bucketKeyMaxUses: configuration.bucketKeyMaxUses,
                multipartUploadExpiry: configuration.multipartUploadExpiry,
                inlineThreshold: configuration.inlineThreshold),
            storeKey: storeKey,
            dataKeyProvider: KMSDataKeyProvider(kms: kms, credentials: credentials),
            blobStorage: blobStorage,
            metadata: sharedMetadata?.backend ?? .sqlite,
            logger: storeLogger
        )
        let authenticator = S3Authenticator(region: configuration.region, credentials: credentials)
        S3Controller(
            store: store, authenticator: authenticator, region: configuration.region,
            accountId: configuration.accountId, virtualHostDomain: configuration.domain
        ).addRoutes(to: router)
        return ObjectStoreService(store: store)
    }
}
