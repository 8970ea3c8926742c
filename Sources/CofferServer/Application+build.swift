import Foundation
import HTTPSupport
public import Hummingbird
import KMS
import KMSAPI
import Logging

/// Builds the Coffer server: data folder → root key → key service → routes → application.
///
/// The application serves `GET /_coffer/health`, `GET /_coffer/metrics` and the KMS API on `POST /`, and runs the
/// key service's maintenance job beside the HTTP server. Run it with `runService()` for graceful shutdown on
/// SIGTERM and SIGINT: in-flight requests finish, then the services stop and the database closes.
/// - Throws: when the data folder, the root key or the key database cannot be opened.
public func buildApplication(configuration: CofferConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "coffer")
    logger.logLevel = configuration.logLevel
    let registry = CofferMetrics.registry  // before any metric is created, see CofferMetrics

    let data = DataDirectory(path: configuration.dataDirectory)
    try data.prepare()
    let rootKey = try RootKeyLoader.load(
        environmentValue: configuration.kmsRootKey, keyFile: data.rootKeyFile.path
    )
    let kms = try KeyManagementService(
        configuration: KMSConfiguration(
            region: configuration.region, accountId: configuration.accountId,
            databasePath: data.kmsDatabase.path, rootKey: rootKey
        )
    )
    let credentials = CredentialStore([
        .root(
            accessKeyId: configuration.accessKeyId, secretAccessKey: configuration.secretAccessKey,
            accountId: configuration.accountId
        )
    ])
    let authenticator = RequestAuthenticator(region: configuration.region, credentials: credentials)

    let router = Router(context: CofferRequestContext.self)
    AdminController(registry: registry).addRoutes(to: router)
    KMSController(kms: kms, authenticator: authenticator).addRoutes(to: router)
    let objectStore = try await S3Wiring.install(
        configuration: configuration, dataDirectory: data.root, rootKey: rootKey, kms: kms,
        credentials: credentials, router: router, logger: logger)

    let maintenance = KMSMaintenanceService(kms: kms, interval: configuration.maintenanceInterval)
    let banner = StartupBanner(configuration: configuration, dataDirectory: data.root.path)
    return Application(
        router: router,
        server: .cofferHTTP1(),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "Coffer"
        ),
        services: [maintenance, objectStore],
        onServerRunning: { channel in banner.print(port: channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
