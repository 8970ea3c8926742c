import AccessPolicy
public import AuditTrail
import Crypto
import Foundation
import KMSQuota
import Logging
public import Metrics
import Synchronization

/// The embedded key service: AWS KMS semantics over keys persisted in a ``KeyStorage`` (SQLite on one node,
/// PostgreSQL shared by several) and sealed under the root key.
///
/// All state lives in an immutable `KeyStore` value behind a `Mutex`. Cryptographic operations copy it out
/// (a pointer copy) and work on the copy: no database read, no lock held across work, no actor hop. Every
/// write runs in the storage's serialized turn: it validates against the current store (reloaded first when
/// another node wrote since), records its row changes, which the storage commits in one transaction, and once
/// committed publishes the new store, so the in-memory state always matches a stored version.
public final class KeyManagementService: Sendable {
    public let configuration: KMSConfiguration
    let clock: any KMSClock
    let storage: any KeyStorage
    let sealer: MaterialSealer
    let identifiers: KeyIdentifierParser
    let counters: KMSRequestCounters
    /// The per-account request quotas of the cryptographic operations.
    let quotas: RequestQuotas
    /// Where every operation's audit event goes; nil records none.
    let audit: (any AuditSink)?
    /// The condition keys of calls S3 makes on a requester's behalf: `kms:ViaService = s3.<region>.amazonaws.com`.
    let viaS3Context: [String: ConditionValue]
    let logger = Logger(label: "coffer.kms")
    private let state: Mutex<PublishedStore>

    /// The store the service answers from, and the storage version it matches.
    struct PublishedStore: Sendable {
        var store: KeyStore
        var version: Int64
    }

    /// Opens (or creates) the database and loads every key's material, unsealed, into memory.
    ///
    /// Throws when the database cannot be opened or migrated, or when its material does not open under
    /// `configuration.rootKey` (the error says so, without key bytes). The request counters are created here,
    /// in `MetricsSystem.factory`: bootstrap the metrics system first.
    public convenience init(
        configuration: KMSConfiguration, clock: any KMSClock = SystemKMSClock(), auditSink: (any AuditSink)? = nil
    ) throws {
        try self.init(
            configuration: configuration, clock: clock, metricsFactory: MetricsSystem.factory, auditSink: auditSink)
    }

    /// Opens the service as `init(configuration:clock:)` does, creating its request counters in `metricsFactory`
    /// rather than in the bootstrapped `MetricsSystem`.
    ///
    /// - Parameter auditSink: where each operation's audit event goes (the server's `AuditWriter`); nil for none.
    public convenience init(
        configuration: KMSConfiguration, clock: any KMSClock, metricsFactory: any MetricsFactory,
        auditSink: (any AuditSink)? = nil
    ) throws {
        let database = try KMSDatabase.open(path: configuration.databasePath)
        try self.init(
            configuration: configuration, clock: clock, metricsFactory: metricsFactory, auditSink: auditSink,
            storage: database, snapshot: try database.snapshot())
    }

    /// A service over `storage`, answering from `snapshot` (its rows assembled and unsealed here).
    init(
        configuration: KMSConfiguration, clock: any KMSClock, metricsFactory: any MetricsFactory,
        auditSink: (any AuditSink)?, storage: any KeyStorage, snapshot: KeyStorageSnapshot
    ) throws {
        self.configuration = configuration
        self.clock = clock
        self.storage = storage
        self.sealer = MaterialSealer(rootKey: configuration.rootKey)
        self.identifiers = KeyIdentifierParser(region: configuration.region, accountId: configuration.accountId)
        self.counters = KMSRequestCounters(factory: metricsFactory)
        self.quotas = RequestQuotas(configuration: configuration.quotas, metricsFactory: metricsFactory)
        self.audit = auditSink
        self.viaS3Context = ["kms:ViaService": .single("s3.\(configuration.region).amazonaws.com")]
        let store = try snapshot.rows.assemble(sealer: sealer, identifiers: identifiers)
        self.state = Mutex(PublishedStore(store: store, version: snapshot.version))
    }

    /// The current store: a copy of two dictionary references, taken under the lock.
    var store: KeyStore { state.withLock { $0.store } }

    /// The storage version the current store matches.
    var storeVersion: Int64 { state.withLock { $0.version } }

    /// Makes `store` current if it is at least as new as the current one (a slower writer or reload never brings
    /// back an older state).
    func publish(_ store: KeyStore, version: Int64) {
        state.withLock { current in
            if version >= current.version { current = PublishedStore(store: store, version: version) }
        }
    }

    /// Runs one write: `change` validates against the current store (reloaded first if another node wrote since),
    /// records its row changes and mutates the store; the storage commits the changes in one transaction, after
    /// which the new store is published. Errors other than `KMSError` become `internalFailure` and are logged.
    func commit<T: Sendable>(
        _ operation: KMSOperation, _ change: @escaping @Sendable (inout KeyStore, inout KeyRowRecorder) throws -> T
    ) async throws(KMSError) -> T {
        do {
            let isCurrent: @Sendable (Int64) -> Bool = { version in self.storeVersion == version }
            return try await storage.write(isCurrent: isCurrent) { rows in
                var store =
                    try rows.map { try $0.assemble(sealer: self.sealer, identifiers: self.identifiers) } ?? self.store
                var recorder = KeyRowRecorder()
                let value = try change(&store, &recorder)
                return KeyStorageWrite(changes: recorder.changes, value: value) { [store] version in
                    self.publish(store, version: version)
                }
            }
        } catch let error as KMSError {
            throw error
        } catch {
            let failure = storage.failure(error)
            logInternalFailure(error, operation: operation, failure: failure)
            throw failure.isFull ? .insufficientStorage : .internalFailure
        }
    }

    /// Logs an unexpected error by type and what the storage says of it (a result code, a path or URL without its
    /// password) only: never a value that could hold key bytes.
    func logInternalFailure(_ error: any Error, operation: KMSOperation, failure: KeyStorageFailure) {
        var metadata: Logger.Metadata = ["operation": "\(operation.rawValue)", "error": "\(type(of: error))"]
        for (name, value) in failure.metadata { metadata[name] = "\(value)" }
        logger.error("kms operation failed internally", metadata: metadata)
    }

    /// Resolves `raw` to a key of `store`, accepting the identifier forms the operation allows.
    func resolve(_ raw: String, in store: KeyStore, forms: KeyIdentifier.Forms) throws(KMSError) -> KMSKey {
        switch try identifiers.parse(raw, forms: forms) {
        case .key(let uuid):
            guard let key = store.keys[uuid] else {
                throw .keyNotFound(arn: identifiers.keyArn(uuid.uuidString.lowercased()))
            }
            return key
        case .alias(let name):
            guard let alias = store.aliases[name], let key = store.keys[alias.targetKeyID] else {
                throw .aliasNotFound(aliasArn: identifiers.aliasArn(name))
            }
            return key
        }
    }

    /// Resolves a key for `operation` and admits `caller`'s call on it: authorization, key state, quota (see
    /// `admit(_:for:caller:encryptionContext:)`).
    /// - Parameter encryptionContext: the request's context for a symmetric cryptographic operation, else nil.
    func key(
        _ raw: String, for operation: KMSOperation, caller: KMSCaller, forms: KeyIdentifier.Forms, in store: KeyStore,
        encryptionContext: [String: String]? = nil
    ) throws(KMSError) -> KMSKey {
        let key = try resolve(raw, in: store, forms: forms)
        try admit(key, for: operation, caller: caller, encryptionContext: encryptionContext)
        return key
    }

    /// Throws AccessDeniedException for changes to an AWS managed key, whose policy allows none.
    func requireCustomerManaged(_ key: KMSKey, _ operation: KMSOperation, _ caller: KMSCaller) throws(KMSError) {
        guard key.keyManager == .customer else {
            throw .accessDenied(caller: caller, operation: operation, arn: key.arn)
        }
    }

    /// Seals one version of a key's material for storage (`secret`: the AES material, PKCS#8 private key or HMAC
    /// key), bound to the key, the material id and the key spec. Failures become `internalFailure`.
    func seal(_ secret: SymmetricKey, id: KeyMaterialID, spec: KeySpec, for key: UUID) throws(KMSError)
        -> SealedMaterial
    {
        do {
            let keyType = spec.rawValue
            return .init(
                id: id, keyType: keyType, bytes: try sealer.seal(secret, keyID: key, materialID: id, keyType: keyType))
        } catch {
            throw .internalFailure
        }
    }

    /// Seals a symmetric material version for storage.
    func seal(_ version: KeyMaterialVersion, for key: UUID) throws(KMSError) -> SealedMaterial {
        try seal(version.key, id: version.id, spec: .symmetricDefault, for: key)
    }
}
