public import AuditTrail
import Crypto
import Foundation
import Logging
public import Metrics

/// Opening the service over a shared storage, and following the writes of other nodes.
extension KeyManagementService {
    /// Opens the service over `keyStorage` (nil: the SQLite database at `configuration.databasePath`, as
    /// `init(configuration:clock:metricsFactory:auditSink:)` does).
    ///
    /// Over a shared storage it first checks the root key: the first node stores a check value sealed under its root
    /// key, and a node whose root key does not open it (or the stored material) refuses to start with
    /// ``KeyStorageOpenError``. Add ``changeFollower`` to the service group so that other nodes' writes reach this one.
    public static func open(
        configuration: KMSConfiguration, clock: any KMSClock = SystemKMSClock(),
        metricsFactory: any MetricsFactory = MetricsSystem.factory, auditSink: (any AuditSink)? = nil,
        keyStorage: KeyStorageBackend? = nil
    ) async throws -> KeyManagementService {
        guard let storage = keyStorage?.storage else {
            return try KeyManagementService(
                configuration: configuration, clock: clock, metricsFactory: metricsFactory, auditSink: auditSink)
        }
        let sealer = MaterialSealer(rootKey: configuration.rootKey)
        let stored = try await storage.rootKeyCheck(candidate: try RootKeyCheck.seal(with: sealer))
        guard RootKeyCheck.opens(stored, with: sealer) else { throw KeyStorageOpenError.rootKeyMismatch(storage) }
        let snapshot = try await storage.load()
        do {
            return try KeyManagementService(
                configuration: configuration, clock: clock, metricsFactory: metricsFactory, auditSink: auditSink,
                storage: storage, snapshot: snapshot)
        } catch let error as KeyStoreLoadError where error.description.contains("does not open") {
            throw KeyStorageOpenError.rootKeyMismatch(storage)
        }
    }

    /// The service that follows other nodes' writes to the storage (a no-op service over SQLite): add it to the
    /// server's service group.
    public var changeFollower: KeyStoreFollower { KeyStoreFollower(kms: self) }

    /// Reloads every row from the storage and publishes the store if it is at least as new as the current one.
    /// Returns the time it took (reading the rows, unsealing and assembling).
    @discardableResult
    package func reload() async throws -> Duration {
        let started = ContinuousClock.now
        let snapshot = try await storage.load()
        let store = try snapshot.rows.assemble(sealer: sealer, identifiers: identifiers)
        publish(store, version: snapshot.version)
        return ContinuousClock.now - started
    }

    /// Brings the store up to date after `change`: nothing for versions it already has (its own writes), else a reload.
    func follow(_ change: KeyStorageChange) async {
        if case .committed(let versions) = change, let newest = versions.max(), newest <= storeVersion { return }
        do {
            let duration = try await reload()
            logger.debug("kms store reloaded", metadata: ["version": "\(storeVersion)", "duration": "\(duration)"])
        } catch {
            var metadata: Logger.Metadata = ["error": "\(type(of: error))"]
            for (name, value) in storage.failure(error).metadata { metadata[name] = "\(value)" }
            logger.error("kms store reload failed; keeping the loaded keys", metadata: metadata)
        }
    }
}

/// A key storage that this node cannot use.
public struct KeyStorageOpenError: Error, CustomStringConvertible {
    public let description: String

    /// The root key does not open the check value or the material stored in `storage`.
    static func rootKeyMismatch(_ storage: any KeyStorage) -> KeyStorageOpenError {
        KeyStorageOpenError(
            description: """
                the root key does not open the key material stored in \(storage.location): every node sharing a \
                database must use the same COFFER_KMS_ROOT_KEY
                """)
    }
}

/// A value sealed under the root key, stored once per shared storage, that tells a node whether its root key is
/// the one every stored material version is sealed with.
enum RootKeyCheck {
    private static let keyID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    private static let materialID = KeyMaterialID(bytes: [UInt8](repeating: 0, count: KeyMaterialID.byteCount))
    private static let keyType = "COFFER_ROOT_KEY_CHECK"

    /// A fresh check value (a random nonce each time) sealed under `sealer`'s root key.
    static func seal(with sealer: MaterialSealer) throws -> [UInt8] {
        try sealer.seal(SymmetricKey(size: .bits256), keyID: keyID, materialID: materialID, keyType: keyType)
    }

    /// True when `sealed` opens under `sealer`'s root key.
    static func opens(_ sealed: [UInt8], with sealer: MaterialSealer) -> Bool {
        (try? sealer.open(sealed, keyID: keyID, materialID: materialID, keyType: keyType)) != nil
    }
}
