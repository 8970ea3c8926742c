import Crypto
import Foundation
import HTTPSupport
import Hummingbird
import KMS
import Logging
import ObjectStore
import S3API

/// The object store and its S3 API, wired into the application: store key → store → S3 routes.
enum S3Wiring {
    /// Opens the object store at `<data>` (`meta/`, `objects/`), registers the S3 routes on `router`, and
    /// returns the service that shuts the store down once the server has stopped (the HTTP server is the
    /// application's last service, so it drains its requests first).
    /// - Throws: when the store key or the store cannot be opened.
    static func install(
        configuration: CofferConfiguration, dataDirectory: URL, rootKey: SymmetricKey, kms: KeyManagementService,
        credentials: CredentialStore, blobStorage: (any BlobStorage)?, router: Router<CofferRequestContext>,
        logger: Logger
    ) async throws -> ObjectStoreService {
        let storeKey = try StoreKeyLoader.load(
            file: dataDirectory.appendingPathComponent("meta/store.key").path, rootKey: rootKey)
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
