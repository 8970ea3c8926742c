import AuditTrail
import Foundation

extension KeyManagementService {
    /// The most aliases one key can have.
    static let aliasesPerKey = 50

    /// CreateAlias: needs `kms:CreateAlias` on the target key.
    public func createAlias(aliasName: String, targetKeyId: String, caller: KMSCaller) async throws(KMSError) {
        let parameters = Self.aliasParameters(aliasName, targetKeyId)
        try await perform(.createAlias, caller, parameters) { caller throws(KMSError) in
            try await insertAlias(aliasName: aliasName, targetKeyId: targetKeyId, caller: caller)
        }
    }

    private func insertAlias(aliasName: String, targetKeyId: String, caller: KMSCaller) async throws(KMSError) {
        try Self.validateAliasName(aliasName)
        let now = clock.now()
        try await commit(.createAlias) { store, rows in
            let key = try self.aliasTarget(targetKeyId, for: .createAlias, caller: caller, in: store)
            guard store.aliases[aliasName] == nil else {
                throw KMSError(
                    .alreadyExists, "An alias with the name \(self.identifiers.aliasArn(aliasName)) already exists")
            }
            guard store.aliases(of: key.id).count < Self.aliasesPerKey else {
                throw KMSError(.limitExceeded, "A KMS key can have at most \(Self.aliasesPerKey) aliases.")
            }
            let alias = AliasRecord(name: aliasName, targetKeyID: key.id, creationDate: now, lastUpdatedDate: now)
            rows.saveAlias(alias)
            store.aliases[aliasName] = alias
        }
    }

    /// UpdateAlias: points an existing alias at another customer managed key of the same type; needs
    /// `kms:UpdateAlias` on both keys.
    public func updateAlias(aliasName: String, targetKeyId: String, caller: KMSCaller) async throws(KMSError) {
        let parameters = Self.aliasParameters(aliasName, targetKeyId)
        try await perform(.updateAlias, caller, parameters) { caller throws(KMSError) in
            try await retargetAlias(aliasName: aliasName, targetKeyId: targetKeyId, caller: caller)
        }
    }

    private func retargetAlias(aliasName: String, targetKeyId: String, caller: KMSCaller) async throws(KMSError) {
        try Self.validateAliasName(aliasName)
        let now = clock.now()
        try await commit(.updateAlias) { store, rows in
            guard var alias = store.aliases[aliasName] else {
                throw KMSError.aliasNotFound(aliasArn: self.identifiers.aliasArn(aliasName))
            }
            if let current = store.keys[alias.targetKeyID] {
                try self.authorize(current, action: KMSAction.name(of: .updateAlias), caller: caller)
            }
            let key = try self.aliasTarget(targetKeyId, for: .updateAlias, caller: caller, in: store)
            if let current = store.keys[alias.targetKeyID],
                current.keySpec != key.keySpec || current.keyUsage != key.keyUsage
            {
                throw KMSError.validation(
                    "The target key must have the same key spec and key usage as the current one.")
            }
            alias.targetKeyID = key.id
            alias.lastUpdatedDate = now
            rows.saveAlias(alias)
            store.aliases[aliasName] = alias
        }
    }

    /// DeleteAlias: needs `kms:DeleteAlias` on the key the alias names.
    public func deleteAlias(aliasName: String, caller: KMSCaller) async throws(KMSError) {
        try await perform(.deleteAlias, caller, Self.aliasParameters(aliasName, nil)) { caller throws(KMSError) in
            try await removeAlias(aliasName: aliasName, caller: caller)
        }
    }

    private func removeAlias(aliasName: String, caller: KMSCaller) async throws(KMSError) {
        try Self.validateAliasName(aliasName)
        try await commit(.deleteAlias) { store, rows in
            guard let alias = store.aliases[aliasName] else {
                throw KMSError.aliasNotFound(aliasArn: self.identifiers.aliasArn(aliasName))
            }
            if let key = store.keys[alias.targetKeyID] { try self.admit(key, for: .deleteAlias, caller: caller) }
            rows.deleteAlias(named: aliasName)
            store.aliases[aliasName] = nil
        }
    }

    /// ListAliases: `limit` 1...100 (default 50), optionally for one key, sorted by name. Without a key,
    /// the predefined `alias/aws/s3` is listed with no target until its key exists.
    public func listAliases(keyId: String?, limit: Int?, marker: String?, caller: KMSCaller) async throws(KMSError)
        -> Page<AliasEntry>
    {
        try await perform(.listAliases, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            try authorizeWithoutKey(.listAliases, caller: caller)
            return try aliasPage(keyId: keyId, limit: limit, marker: marker)
        }
    }

    private func aliasPage(keyId: String?, limit: Int?, marker: String?) throws(KMSError) -> Page<AliasEntry> {
        let limit = try Paging.limit(limit, default: 50, range: 1...100)
        let store = store
        var records: [AliasRecord]
        var predefined: [String] = []
        if let keyId {
            records = store.aliases(of: try resolve(keyId, in: store, forms: .keyOnly).id)
        } else {
            records = Array(store.aliases.values)
            predefined = AWSManagedKeys.predefinedServices.map(AWSManagedKeys.aliasName).filter {
                store.aliases[$0] == nil
            }
        }
        let entries =
            (records.map(entry)
            + predefined.map {
                AliasEntry(
                    aliasName: $0, aliasArn: identifiers.aliasArn($0), targetKeyId: nil, creationDate: nil,
                    lastUpdatedDate: nil)
            }).sorted { $0.aliasName < $1.aliasName }
        return try Paging.page(entries, limit: limit, marker: marker, sortKey: \.aliasName)
    }

    private func entry(_ record: AliasRecord) -> AliasEntry {
        AliasEntry(
            aliasName: record.name, aliasArn: identifiers.aliasArn(record.name),
            targetKeyId: record.targetKeyID.uuidString.lowercased(), creationDate: record.creationDate,
            lastUpdatedDate: record.lastUpdatedDate)
    }

    /// The key an alias may point at: named by id or ARN, customer managed, not pending deletion.
    private func aliasTarget(
        _ targetKeyId: String, for operation: KMSOperation, caller: KMSCaller, in store: KeyStore
    ) throws(KMSError) -> KMSKey {
        if case .alias = try identifiers.parse(targetKeyId, forms: .any) {
            throw .validation("Aliases must refer to keys. Not aliases")
        }
        let key = try self.key(targetKeyId, for: operation, caller: caller, forms: .keyOnly, in: store)
        try requireCustomerManaged(key, operation, caller)
        return key
    }

    /// The loggable parameters of the alias operations.
    private static func aliasParameters(_ aliasName: String, _ targetKeyId: String?) -> AuditFields {
        var fields = AuditFields.request(extra: [.aliasName: .string(aliasName)])
        fields[.targetKeyId] = targetKeyId.map { .string($0) }
        return fields
    }

    /// Checks an alias name: `alias/` prefix (ValidationException), not `alias/aws/` (NotAuthorizedException),
    /// and a non-empty name of letters, digits, `/`, `_` and `-` (ValidationException).
    static func validateAliasName(_ name: String) throws(KMSError) {
        guard name.hasPrefix("alias/") else {
            throw .validation(
                "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html"
            )
        }
        guard !name.hasPrefix(AWSManagedKeys.aliasPrefix) else { throw .init(.notAuthorized, "") }
        let rest = name.dropFirst("alias/".count)
        let allowed = rest.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || "/_-".unicodeScalars.contains($0)
        }
        guard !rest.isEmpty, allowed else { throw .validation("\(name) contains invalid characters for an alias") }
    }
}
