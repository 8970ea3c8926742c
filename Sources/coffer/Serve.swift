import ArgumentParser
import CofferServer
import Foundation
import Hummingbird
import KMSQuota
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// `coffer serve`: runs the server until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Coffer server.",
        discussion: """
            Serves the S3 REST API (path-style; virtual-hosted too with --domain), the KMS JSON API (POST / with \
            X-Amz-Target: TrentService.<Operation>) on one port, authenticated with AWS Signature Version 4, \
            and, without authentication, GET /_coffer/health and GET /_coffer/metrics (Prometheus text); \
            GET /_coffer/stats (JSON: KMS calls, Bucket Key caches, objects per bucket) answers the root \
            user's signed requests only. Every KMS operation \
            is recorded in the audit trail (<data>/audit; read it with `coffer audit` or the signed, root-only \
            GET /_coffer/audit). One server per data folder: it holds <data>/coffer.lock while it runs, and a \
            second server on the same folder exits at once. Stops gracefully on SIGTERM or SIGINT: in-flight requests \
            finish and the \
            databases close.

            Principals: the root credentials below are arn:aws:iam::<account>:root; --users adds IAM users \
            (arn:aws:iam::<account>:user/<name>) whose IAM policy, with each key's policy and grants, decides \
            what they may do, as on AWS. KMS request quotas (--kms-quota-*) answer ThrottlingException, and \
            503 SlowDown to S3 requests whose KMS call is throttled.

            A full disk loses nothing already acknowledged: S3 writes answer 503 ServiceUnavailable \
            ("Insufficient storage"), KMS changes KMSInternalException, and the log names the file and the errno. \
            Writes succeed again once space is freed.

            Environment:
              COFFER_ACCESS_KEY_ID
                  The root access key id (set it together with the secret).
              COFFER_SECRET_ACCESS_KEY
                  The root secret access key.
              COFFER_KMS_ROOT_KEY
                  The base64 of the 32-byte root key that seals all key material.
                  When unset, <data>/kms/root.key is used (created with mode 0600 on first start).
              COFFER_NIO_EXECUTOR
                  0 keeps Swift's default concurrency executor. Otherwise request handlers run on the
                  network event loops, saving two thread switches per request (docs/performance.md).

            When the credentials are unset, the published defaults \(CofferConfiguration.defaultAccessKeyId) / \
            \(CofferConfiguration.defaultSecretAccessKey) are used and a warning is printed: use them for local \
            testing only. With them, --host must be a loopback address (127.0.0.0/8, ::1, localhost).

            Example:
              coffer serve --port 9000 --data ./data
              AWS_ACCESS_KEY_ID=\(CofferConfiguration.defaultAccessKeyId) \\
              AWS_SECRET_ACCESS_KEY=\(CofferConfiguration.defaultSecretAccessKey) \\
              aws --endpoint-url http://127.0.0.1:9000 --region us-east-1 kms create-key
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0-65535; 0 picks a free port).")
    var port = 9000

    @Option(
        help: ArgumentHelp(
            "The data folder: keys under <data>/kms, objects under <data>/meta and <data>/objects.", valueName: "path"))
    var data = "./data"

    @Option(help: "The region in ARNs and SigV4 credential scopes, e.g. us-east-1.")
    var region = "us-east-1"

    @Option(help: "The 12-digit account id that owns every key.")
    var accountId = "111122223333"

    @Option(help: "The minimum log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(
        name: .customLong("bucket-key-ttl"),
        help: ArgumentHelp(
            "Seconds a plaintext S3 Bucket Key stays cached (300 is 5 minutes).",
            discussion: """
                This is also the revocation lag: after DisableKey or ScheduleKeyDeletion, a requester with a cached \
                Bucket Key keeps reading and writing for at most this long, as on AWS. Five minutes keeps that lag \
                short while one KMS call still serves every object of a busy bucket (docs/bucket-keys.md §3).
                """,
            valueName: "seconds"))
    var bucketKeyTTL = Int(CofferConfiguration.defaultBucketKeyTTL.components.seconds)

    @Option(
        name: .customLong("bucket-key-max-uses"),
        help: ArgumentHelp(
            "How many object keys one cached S3 Bucket Key may derive or recover before the KMS is asked again.",
            valueName: "n"))
    var bucketKeyMaxUses = CofferConfiguration.defaultBucketKeyMaxUses

    @Option(
        help: ArgumentHelp(
            "A JSON file of IAM users: {\"users\": [{\"name\", \"accountId\" (optional), \"accessKeyId\", "
                + "\"secretAccessKey\", \"policy\" (their IAM policy)}]}.",
            valueName: "file"))
    var users: String?

    @Option(help: ArgumentHelp("Symmetric KMS calls per second per account (0 = unlimited).", valueName: "n"))
    var kmsQuotaSymmetric = QuotaConfiguration.defaultSymmetric

    @Option(help: ArgumentHelp("RSA KMS calls per second per account (0 = unlimited).", valueName: "n"))
    var kmsQuotaRsa = QuotaConfiguration.defaultRSA

    @Option(help: ArgumentHelp("ECC KMS calls per second per account (0 = unlimited).", valueName: "n"))
    var kmsQuotaEcc = QuotaConfiguration.defaultECC

    @Flag(
        inversion: .prefixedNo,
        help: "Record every KMS operation in the audit trail under <data>/audit (on by default).")
    var auditTrail = true

    @Option(
        name: .customLong("multipart-upload-expiry"),
        help: ArgumentHelp(
            "Seconds after which an unfinished multipart upload is aborted and its parts deleted (604800 is 7 days).",
            valueName: "seconds"))
    var multipartUploadExpiry = Int(CofferConfiguration.defaultMultipartUploadExpiry.components.seconds)

    @Option(
        name: .customLong("inline-threshold"),
        help: ArgumentHelp(
            "Objects of at most this many bytes keep their sealed bytes in the metadata row (0: all in blob files).",
            discussion: "At most 1048576. The bytes are encrypted either way (docs/storage-format.md §9).",
            valueName: "bytes"))
    var inlineThreshold = CofferConfiguration.defaultInlineThreshold

    @Option(
        help: ArgumentHelp(
            "Also serve virtual-hosted-style S3: a Host of <bucket>.<domain> addresses that bucket.",
            discussion:
                "Path-style addressing keeps working. Point <bucket>.<domain> at the server (DNS or /etc/hosts).",
            valueName: "domain"))
    var domain: String?

    @Option(
        name: .customLong("header-read-timeout"),
        help: ArgumentHelp(
            "Seconds a connection may take to send a request head before it is closed.",
            discussion: """
                Counted from the connection's opening, and on a keep-alive connection from the first bytes of the next \
                request; a request body may take longer. Stalled clients cannot hold connections.
                """,
            valueName: "seconds"))
    var headerReadTimeout = Int(CofferConfiguration.defaultHeaderReadTimeout.components.seconds)

    @Option(
        name: .customLong("max-connections"),
        help: ArgumentHelp(
            "How many connections are served at once; more wait in the listen backlog until one closes.",
            valueName: "n"))
    var maxConnections = CofferConfiguration.defaultMaxConnections

    @Option(
        help: ArgumentHelp(
            "Keep sealed blobs in an S3-compatible bucket instead of under <data>/objects.",
            discussion: """
                Coffer encrypts; the bucket holds ciphertext only. Needs --blobs-endpoint and the credentials in                 COFFER_BLOBS_ACCESS_KEY_ID and COFFER_BLOBS_SECRET_ACCESS_KEY (docs/scale-out.md).
                """,
            valueName: "s3://bucket[/prefix]"))
    var blobs: String?

    @Option(help: ArgumentHelp("The address of the --blobs store, e.g. http://127.0.0.1:8333.", valueName: "url"))
    var blobsEndpoint: String?

    @Option(help: ArgumentHelp("The region of the --blobs store (default: --region).", valueName: "region"))
    var blobsRegion: String?

    @Option(
        help: ArgumentHelp(
            "Keep object metadata and KMS keys in PostgreSQL instead of SQLite under <data>.",
            discussion: """
                Nodes sharing the database share every bucket, object and key; they must share \
                COFFER_KMS_ROOT_KEY, and for objects larger than --inline-threshold a --blobs store. \
                COFFER_METADATA_URL is read when the option is absent (it keeps the password out of `ps`). \
                See docs/scale-out.md.
                """,
            valueName: "postgres://user:password@host:port/db"))
    var metadata: String?

    @Option(
        name: .customLong("tls-cert"),
        help: ArgumentHelp(
            "Serve HTTPS with this PEM certificate chain (leaf first), with --tls-key.",
            discussion: "S3, KMS, the admin routes and the console, on the same port. Env: COFFER_TLS_CERT.",
            valueName: "file"))
    var tlsCert: String?

    @Option(
        name: .customLong("tls-key"),
        help: ArgumentHelp("The PEM private key of --tls-cert. Env: COFFER_TLS_KEY.", valueName: "file"))
    var tlsKey: String?

    @Flag(
        name: .customLong("tls-self-signed"),
        help: ArgumentHelp(
            "Serve HTTPS with a self-signed certificate for localhost, 127.0.0.1 and ::1.",
            discussion: """
                Made under <data>/tls on the first start and reused after; clients trust <data>/tls/cert.pem \
                (AWS_CA_BUNDLE, curl --cacert). Env: COFFER_TLS_SELF_SIGNED=1.
                """))
    var tlsSelfSigned = false

    @Option(
        help: ArgumentHelp(
            "How /_coffer/stats and the metrics name this node (default: <host name>:<port>).", valueName: "name"))
    var nodeName: String?

    var kmsQuotas: QuotaConfiguration {
        QuotaConfiguration(symmetric: kmsQuotaSymmetric, rsa: kmsQuotaRsa, ecc: kmsQuotaEcc)
    }

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535.")
        }
        guard accountId.count == 12, accountId.allSatisfy(\.isASCII), accountId.allSatisfy(\.isNumber) else {
            throw ValidationError("--account-id must be exactly 12 digits.")
        }
        guard Self.isRegion(region) else {
            throw ValidationError("--region must look like us-east-1: lowercase letters, digits and dashes.")
        }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        guard bucketKeyTTL > 0 else { throw ValidationError("--bucket-key-ttl must be at least 1 second.") }
        guard bucketKeyMaxUses > 0 else { throw ValidationError("--bucket-key-max-uses must be at least 1.") }
        guard multipartUploadExpiry > 0 else {
            throw ValidationError("--multipart-upload-expiry must be at least 1 second.")
        }
        guard (0...(1 << 20)).contains(inlineThreshold) else {
            throw ValidationError("--inline-threshold must be between 0 and 1048576 bytes.")
        }
        if let domain {
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            let valid = labels.allSatisfy { label in
                !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
            guard valid else { throw ValidationError("--domain must be a host name such as s3.example.test.") }
        }
        guard headerReadTimeout > 0 else { throw ValidationError("--header-read-timeout must be at least 1 second.") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be at least 1.") }
        if blobs != nil, blobsEndpoint == nil { throw ValidationError("--blobs needs --blobs-endpoint.") }
        if blobs == nil, blobsEndpoint != nil || blobsRegion != nil {
            throw ValidationError("--blobs-endpoint and --blobs-region need --blobs.")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together.") }
        if tlsCert != nil, tlsSelfSigned {
            throw ValidationError("Use either --tls-cert/--tls-key or --tls-self-signed, not both.")
        }
        if let family = kmsQuotas.invalidFamilies.first {
            throw ValidationError("--kms-quota-\(family.rawValue) must be 0 (unlimited) or a positive number.")
        }
    }

    func run() async throws {
        Self.runTasksOnEventLoops(ProcessInfo.processInfo.environment)
        Malloc.raiseThresholds()
        var configuration = CofferConfiguration(
            host: host, port: port, dataDirectory: data, region: region, accountId: accountId,
            logLevel: Logger.Level(rawValue: logLevel) ?? .info, bucketKeyTTL: .seconds(bucketKeyTTL),
            bucketKeyMaxUses: bucketKeyMaxUses, usersFile: users, kmsQuotas: kmsQuotas, auditTrail: auditTrail,
            multipartUploadExpiry: .seconds(multipartUploadExpiry), inlineThreshold: inlineThreshold,
            domain: domain, headerReadTimeout: .seconds(headerReadTimeout), maxConnections: maxConnections
        )
        let environment = ProcessInfo.processInfo.environment
        try configuration.apply(environment: environment)
        configuration.nodeName = nodeName
        configuration.tls = try TLSSettings.resolve(
            certificate: tlsCert, privateKey: tlsKey, selfSigned: tlsSelfSigned, environment: environment)
        configuration.metadataURL = metadata ?? environment["COFFER_METADATA_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let blobs, let blobsEndpoint {
            configuration.blobs = try BlobBackendConfiguration(
                url: blobs, endpoint: blobsEndpoint, region: blobsRegion ?? region, environment: environment)
        }
        CofferLogHandler.bootstrap()
        let openFiles = FileDescriptorLimit.raise(toFit: maxConnections)
        if openFiles < maxConnections + FileDescriptorLimit.reserve {
            Logger(label: "coffer").warning(
                "the open-file limit is below --max-connections: connections past it are refused by the system",
                metadata: ["limit": "\(openFiles)", "max_connections": "\(maxConnections)"])
        }
        let application = try await buildApplication(configuration: configuration)
        // As Hummingbird's `runService()`, with bounds: a service that does not finish within 30 s of SIGTERM is
        // cancelled, and one that ignores cancellation for 10 s more ends the process, so a node never lingers.
        var group = ServiceGroupConfiguration(
            services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: application.logger)
        group.maximumGracefulShutdownDuration = .seconds(30)
        group.maximumCancellationDuration = .seconds(10)
        try await ServiceGroup(configuration: group).run()
    }

    /// Makes NIO's event loops Swift Concurrency's global executor, unless `COFFER_NIO_EXECUTOR=0`.
    ///
    /// A handler otherwise runs on the cooperative pool and every request crosses threads twice (event loop →
    /// pool → event loop): on this two-core machine that was three context switches per request, and about 8%
    /// of a GenerateDataKey's CPU time (docs/performance.md). Safe here because request paths never block:
    /// file I/O runs on `NIOThreadPool`s and RSA key generation on Dispatch. Called first, before the server
    /// creates any task.
    static func runTasksOnEventLoops(_ environment: [String: String]) {
        guard environment["COFFER_NIO_EXECUTOR"] != "0" else { return }
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// `<letters>-<letters>-<digit>` and the like: lowercase letters, digits and dashes, starting with a letter.
    static func isRegion(_ region: String) -> Bool {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, region.count <= 32, let first = region.first, first.isLetter else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }
}
