import AuditTrail
import Foundation

/// The predefined aliases of AWS managed keys (`alias/aws/<service>`).
enum AWSManagedKeys {
    /// The reserved alias prefix.
    static let aliasPrefix = "alias/aws/"
    /// The services whose predefined alias ListAliases shows even before their key exists.
    static let predefinedServices = ["s3"]

    /// `alias/aws/<service>`.
    static func aliasName(service: String) -> String { aliasPrefix + service }

    /// The service of a predefined alias name, or nil.
    static func service(ofAlias name: String) -> String? {
        guard name.hasPrefix(aliasPrefix) else { return nil }
        let service = String(name.dropFirst(aliasPrefix.count))
        return predefinedServices.contains(service) ? service : nil
    }

    /// The description AWS gives the managed key of `service`.
    static func description(service: String) -> String {
        service == "s3"
            ? "Default key that protects my S3 objects when no other key is defined"
            : "Default key that protects my \(service) resources when no other key is defined"
    }
}

// CONTRACT: the internal API the object store's adapter uses.

extension KeyManagementService {
    /// Gets or creates the AWS managed key behind a predefined alias such as `aws/s3` (KeyManager AWS, rotation
    /// on and yearly, policy locked, cannot be disabled or scheduled for deletion).
    /// - Parameter service: the service part of the alias, e.g. `s3` for `alias/aws/s3`.
    public func awsManagedKey(service: String, caller: KMSCaller) async throws(KMSError) -> KeyMetadata {
        let parameters = AuditFields.request(keyId: AWSManagedKeys.aliasName(service: service))
        return try await perform(.describeKey, caller, parameters) { caller throws(KMSError) in
            try await managedKey(service: service, caller: caller)
        }
    }

    /// Whether the AWS managed key of `service` exists yet; a lock-protected snapshot read, not a KMS request.
    public func awsManagedKeyExists(service: String) -> Bool {
        store.aliases[AWSManagedKeys.aliasName(service: service)] != nil
    }

    /// Returns the AWS managed key of `service` if `caller` may describe it, creating it and its alias exactly
    /// once: the check and the creation run together in the storage's serialized write, so concurrent first uses
    /// (on any node) create one key. Its policy lets principals of the account use it only through the service
    /// (`kms:ViaService`).
    func managedKey(service: String, caller: KMSCaller) async throws(KMSError) -> KeyMetadata {
        let aliasName = AWSManagedKeys.aliasName(service: service)
        if let alias = store.aliases[aliasName], let key = store.keys[alias.targetKeyID] {
            try admit(key, for: .describeKey, caller: caller)
            return key.metadata(accountId: configuration.accountId)
        }
        let now = clock.now()
        let key = try await commit(.describeKey) { store, rows in
            if let alias = store.aliases[aliasName], let key = store.keys[alias.targetKeyID] { return key }
            let version = KeyMaterialVersion.generate()
            let policy = KeyPolicy.awsManagedPolicy(
                service: service, accountId: self.configuration.accountId, region: self.configuration.region)
            let key = self.newKey(
                spec: .symmetricDefault, material: .symmetric(version),
                description: AWSManagedKeys.description(service: service), manager: .aws, policy: policy,
                policyDocument: try KeyPolicy.parse(policy), tags: [], rotation: .yearly(from: now))
            let alias = AliasRecord(name: aliasName, targetKeyID: key.id, creationDate: now, lastUpdatedDate: now)
            rows.insertKey(key, material: try self.seal(version, for: key.id))
            rows.saveAlias(alias)
            store.keys[key.id] = key
            store.aliases[aliasName] = alias
            return key
        }
        try admit(key, for: .describeKey, caller: caller)
        return key.metadata(accountId: configuration.accountId)
    }
}
