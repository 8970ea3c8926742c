public import KMSQuota
public import Logging
import ObjectStore

/// Everything `coffer serve` can be told, with the defaults a fresh machine runs with.
///
/// The CLI parses into it; tests build servers from it directly, without argv.
public struct CofferConfiguration: Sendable {
    /// The access key id used when `COFFER_ACCESS_KEY_ID` is unset. Printed with a warning at start-up.
    public static let defaultAccessKeyId = "COFFERACCESSKEY0000"
    /// The secret used when `COFFER_SECRET_ACCESS_KEY` is unset. Public: change it for anything but a laptop.
    public static let defaultSecretAccessKey = "coffer-secret-change-me"
    /// How long a plaintext bucket key stays cached by default: 5 minutes (docs/bucket-keys.md §3).
    public static let defaultBucketKeyTTL: Duration = ObjectStoreConfiguration.defaultBucketKeyTTL
    /// How many object keys one cached bucket key serves by default: 100,000 (docs/bucket-keys.md §3).
    public static let defaultBucketKeyMaxUses: Int = ObjectStoreConfiguration.defaultBucketKeyMaxUses
    /// How long an unfinished multipart upload lives by default: 7 days.
    public static let defaultMultipartUploadExpiry: Duration = ObjectStoreConfiguration.defaultMultipartUploadExpiry
    /// Objects of at most 32 KiB are kept in their metadata row.
    public static let defaultInlineThreshold = ObjectStoreConfiguration.defaultInlineThreshold
    /// A request head must arrive within 20 seconds (Apache's `RequestReadTimeout header=20`).
    public static let defaultHeaderReadTimeout: Duration = .seconds(20)
    /// At most 4,096 connections are served at once: a busy classroom opens a few hundred.
    public static let defaultMaxConnections = 4_096

    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int
    /// The data folder: `kms/` (key database and root key) lives under it.
    public var dataDirectory: String
    /// The region in ARNs and SigV4 credential scopes.
    public var region: String
    /// The 12-digit account id that owns every key and bucket.
    public var accountId: String
    /// The root access key id.
    public var accessKeyId: String
    /// The root secret access key; never printed or logged.
    public var secretAccessKey: String
    /// The base64 root key (`COFFER_KMS_ROOT_KEY`); nil reads or creates `<data>/kms/root.key`.
    public var kmsRootKey: String?
    /// How often the key service deletes keys past their window and rotates keys that are due.
    public var maintenanceInterval: Duration
    /// The minimum level of log lines.
    public var logLevel: Logger.Level
    /// How long a plaintext S3 bucket key stays cached; also how long a disabled KMS key keeps serving cached ones.
    public var bucketKeyTTL: Duration
    /// How many object keys one cached S3 bucket key may derive or recover before the KMS is asked again.
    public var bucketKeyMaxUses: Int
    /// The `--users` file: IAM users with their credentials and identity policies; nil for the root user alone.
    public var usersFile: String?
    /// The KMS request quotas per account, in requests per second (0 = unlimited); AWS's defaults.
    public var kmsQuotas: QuotaConfiguration
    /// Whether every KMS operation is recorded in the audit trail (`<data>/audit`).
    public var auditTrail: Bool
    /// Multipart uploads initiated longer ago than this are aborted by a background sweep (default 7 days).
    public var multipartUploadExpiry: Duration
    /// Objects of at most this many bytes are kept, sealed, in their metadata row rather than in a blob file
    /// (default 32 KiB; 0: every object in a blob file). docs/storage-format.md §9.
    public var inlineThreshold: Int
    /// `--domain`: `<bucket>.<domain>` hosts address buckets (virtual-hosted style) besides path-style; nil for
    /// path-style only. Stored lower case without leading or trailing dots.
    public var domain: String? {
        didSet { domain = Self.normalizedDomain(domain) }
    }
    /// How long a connection may take to send a request head, from its opening or, on a keep-alive connection, from
    /// the first bytes after the last response; slower connections are closed (default 20 s). The body is not bound
    /// by it.
    public var headerReadTimeout: Duration
    /// How many connections are served at once; past it, new connections wait in the listen backlog until one
    /// closes (default 4,096). Hummingbird's `MaximumAvailableConnections`: NIO accepts up to four connections per
    /// read, so a burst may pass the cap by three.
    public var maxConnections: Int
    /// An S3-compatible bucket for the sealed blobs; nil for files under `<data>/objects`.
    public var blobs: BlobBackendConfiguration? = nil
    /// `--metadata` (or `COFFER_METADATA_URL`): a `postgres://USER:PASSWORD@HOST:PORT/DB` database for the object
    /// metadata and the key store, shared by every node; nil for SQLite under `<data>`.
    public var metadataURL: String? = nil
    /// `--node-name`: how `/_coffer/stats` and the metrics name this node; nil for `<host name>:<port>`.
    public var nodeName: String? = nil
    /// Serve the console's files from this folder instead of the embedded ones (`COFFER_CONSOLE_ASSETS`).
    public var consoleAssetsFolder: String? = nil
    /// HTTPS: the certificate and key the server serves, or nil for plain HTTP.
    public var tls: TLSSettings? = nil

    /// Creates a configuration; every parameter has the default of `coffer serve`.
    public init(
        host: String = "127.0.0.1",
        port: Int = 9000,
        dataDirectory: String = "./data",
        region: String = "us-east-1",
        accountId: String = "111122223333",
        accessKeyId: String = CofferConfiguration.defaultAccessKeyId,
        secretAccessKey: String = CofferConfiguration.defaultSecretAccessKey,
        kmsRootKey: String? = nil,
        maintenanceInterval: Duration = .seconds(60),
        logLevel: Logger.Level = .info,
        bucketKeyTTL: Duration = CofferConfiguration.defaultBucketKeyTTL,
        bucketKeyMaxUses: Int = CofferConfiguration.defaultBucketKeyMaxUses,
        usersFile: String? = nil,
        kmsQuotas: QuotaConfiguration = QuotaConfiguration(),
        auditTrail: Bool = true,
        multipartUploadExpiry: Duration = CofferConfiguration.defaultMultipartUploadExpiry,
        inlineThreshold: Int = CofferConfiguration.defaultInlineThreshold,
        domain: String? = nil,
        headerReadTimeout: Duration = CofferConfiguration.defaultHeaderReadTimeout,
        maxConnections: Int = CofferConfiguration.defaultMaxConnections
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.region = region
        self.accountId = accountId
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.kmsRootKey = kmsRootKey
        self.maintenanceInterval = maintenanceInterval
        self.logLevel = logLevel
        self.bucketKeyTTL = bucketKeyTTL
        self.bucketKeyMaxUses = bucketKeyMaxUses
        self.usersFile = usersFile
        self.kmsQuotas = kmsQuotas
        self.auditTrail = auditTrail
        self.multipartUploadExpiry = multipartUploadExpiry
        self.inlineThreshold = inlineThreshold
        self.domain = Self.normalizedDomain(domain)
        self.headerReadTimeout = headerReadTimeout
        self.maxConnections = maxConnections
    }

    /// `Example.TEST.` → `example.test`; nil or empty → nil.
    static func normalizedDomain(_ domain: String?) -> String? {
        guard let domain else { return nil }
        let trimmed = domain.lowercased().split(separator: ".", omittingEmptySubsequences: true).joined(separator: ".")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// True when the root credentials are the published defaults.
    public var usesDefaultCredentials: Bool {
        accessKeyId == Self.defaultAccessKeyId || secretAccessKey == Self.defaultSecretAccessKey
    }
}
