import AuditTrail
import CofferConsole
import Foundation
import HTTPSupport
public import Hummingbird
import HummingbirdCore
import KMS
import KMSAPI
import Logging
import NIOCore
import ObjectStore
import PostgresKeyStore
import PostgresObjectMetadata
import ServiceLifecycle

/// Builds the Coffer server: data folder → root key → key service → object store → routes → application.
///
/// The application serves the S3 API, the KMS API on `POST /`, and `GET /_coffer/health`, `/_coffer/metrics` and
/// `/_coffer/stats`, and runs the key service's maintenance job beside the HTTP server. Run it with `runService()`
/// for graceful shutdown on SIGTERM and SIGINT: in-flight requests finish, then the services stop and the
/// databases close.
/// - Parameter onServerRunning: called with the bound port once the server listens (useful with port 0); when nil,
///   the start-up banner is printed instead.
/// - Throws: when the configuration would expose the default credentials (``CofferConfiguration/checkExposure()``),
///   or when the data folder, the root key or a database cannot be opened.
public func buildApplication(
    configuration: CofferConfiguration, onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
) async throws -> some ApplicationProtocol {
    try configuration.checkExposure()
    var logger = Logger(label: "coffer")
    logger.logLevel = configuration.logLevel
    let registry = CofferMetrics.registry  // before any metric is created, see CofferMetrics

    let data = DataDirectory(path: configuration.dataDirectory)
    let lock = try data.prepare(audit: configuration.auditTrail)  // one server per data folder, before any write
    let tls = try configuration.tls.map { try TLSMaterial.load($0, dataDirectory: data.root.path) }
    let rootKey = try RootKeyLoader.load(
        environmentValue: configuration.kmsRootKey, keyFile: data.rootKeyFile.path
    )
    let credentials = try CredentialStore.load(configuration)
    let auditDirectory = AuditLayout.directory(dataDirectory: data.root.path)
    let auditWriter =
        configuration.auditTrail ? AuditWriter(configuration: AuditWriterConfiguration(directory: auditDirectory)) : nil
    let shared = try await SharedState.open(configuration, logger: logger)
    let kms = try await KeyManagementService.open(
        configuration: KMSConfiguration(
            region: configuration.region, accountId: configuration.accountId,
            databasePath: data.kmsDatabase.path, rootKey: rootKey, quotas: configuration.kmsQuotas
        ),
        auditSink: auditWriter, keyStorage: shared?.keys.backend
    )
    let authenticator = RequestAuthenticator(region: configuration.region, credentials: credentials)

    let router = Router(context: CofferRequestContext.self)
    router.add(middleware: KMSTimingMiddleware(timer: KMSRequestTimer(registry: registry)))  // before any route
    router.add(middleware: RequestScopeMiddleware())
    let inspector = RequestInspector()
    router.add(middleware: RequestInspectorMiddleware(inspector: inspector))
    KMSController(kms: kms, authenticator: authenticator).addRoutes(to: router)
    var blobBackend: (storage: any BlobStorage, service: HTTPClientService)?
    if let blobs = configuration.blobs { blobBackend = try await BlobBackend.open(blobs, logger: logger) }
    let objectStore = try await S3Wiring.install(
        configuration: configuration, dataDirectory: data.root, rootKey: rootKey, kms: kms,
        credentials: credentials, blobStorage: blobBackend?.storage, sharedMetadata: shared?.objects, router: router,
        logger: logger)
    let rootOnly = RootOnlyGate(authenticator: authenticator)
    let node = configuration.nodeName ?? "\(ProcessInfo.processInfo.hostName):\(configuration.port)"
    AdminController(registry: registry, kms: kms, store: objectStore.store, gate: rootOnly, node: node)
        .addRoutes(to: router)
    AuditController(directory: auditDirectory, gate: rootOnly, writer: auditWriter).addRoutes(to: router)
    let experiment = ConsoleExperiment(kms: kms)
    ConsoleController(
        authenticator: authenticator, kms: kms, store: objectStore.store, inspector: inspector, experiment: experiment,
        accountId: configuration.accountId, region: configuration.region,
        assetsFolder: configuration.consoleAssetsFolder
    ).addRoutes(to: router)

    let maintenance = KMSMaintenanceService(kms: kms, interval: configuration.maintenanceInterval)
    // Sweeps at least hourly, and several times per expiry period when the expiry is short.
    let expiry = MultipartExpiryService(
        store: objectStore.store, interval: min(.seconds(3600), configuration.multipartUploadExpiry / 4))
    let banner = StartupBanner(configuration: configuration, dataDirectory: data.root.path, trustPath: tls?.trustPath)
    // The folder lock comes first so it is released last. The audit writer comes next so it stops after the server
    // and the jobs that record events. The expiry sweep comes after the store so it stops before the store closes.
    var services: [any Service] = [lock]
    if let shared { services.append(shared.pool) }  // stops after the key service and the store
    if let auditWriter { services.append(auditWriter) }
    if let blobBackend { services.append(blobBackend.service) }  // stops after the store
    services += [maintenance, kms.changeFollower]
    if let shared { services.append(shared.objects.changeFollower) }  // keeps the bucket caches coherent
    services += [objectStore, expiry]
    return Application(
        router: router,
        server: tls.map {
            .cofferHTTPS(
                tlsConfiguration: $0.configuration, headerReadTimeout: TimeAmount(configuration.headerReadTimeout))
        } ?? .cofferHTTP1(headerReadTimeout: TimeAmount(configuration.headerReadTimeout)),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "Coffer",
            // Hummingbird's connection cap: past it the server stops accepting until a connection closes.
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)
        ),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            experiment.serverStarted(
                scheme: tls == nil ? "http" : "https", host: configuration.host, port: port,
                accessKeyId: configuration.accessKeyId,
                secretAccessKey: configuration.secretAccessKey, region: configuration.region)
            if let onServerRunning { await onServerRunning(port) } else { banner.print(port: port) }
        },
        logger: logger
    )
}
