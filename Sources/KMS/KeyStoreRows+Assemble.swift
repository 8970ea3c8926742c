import Foundation

/// Why stored rows could not be loaded into a key store (a row that does not parse, material that does not open).
struct KeyStoreLoadError: Error, CustomStringConvertible {
    let description: String
}

/// Building the in-memory `KeyStore` from rows: material unsealed, policies parsed, tags, rotations and grants in
/// their stored order.
extension KeyStoreRows {
    /// The store these rows describe, every material version unsealed with `sealer`.
    func assemble(sealer: MaterialSealer, identifiers: KeyIdentifierParser) throws -> KeyStore {
        let materials = try unsealedMaterials(sealer: sealer)
        let policies = Dictionary(self.policies.map { ($0.keyId, $0.document) }, uniquingKeysWith: { $1 })
        let tags = Dictionary(grouping: self.tags.sorted { $0.position < $1.position }, by: \.keyId)
        let rotations = Dictionary(grouping: self.rotations, by: \.keyId)
        let grants = Dictionary(grouping: self.grants, by: \.keyId)
        var store = KeyStore()
        for row in keys {
            var key = try row.key(
                materials: materials[row.id] ?? [:], policy: policies[row.id], tags: tags[row.id] ?? [],
                rotations: rotations[row.id] ?? [], arn: identifiers.keyArn(row.id), accountId: identifiers.accountId)
            for grant in grants[row.id] ?? [] { key.grants.add(try grant.grant(identifiers: identifiers)) }
            store.keys[key.id] = key
        }
        for row in aliases {
            guard let target = UUID(uuidString: row.keyId) else {
                throw KeyStoreLoadError(description: "bad alias row")
            }
            store.aliases[row.name] = AliasRecord(
                name: row.name, targetKeyID: target, creationDate: Self.date(row.creationDate),
                lastUpdatedDate: Self.date(row.lastUpdatedDate))
        }
        return store
    }

    /// Unseals and parses every material row, by key id. The key type (spec) is bound in each row's AAD; the usage,
    /// which decides how an RSA private key is held, comes from the key row.
    private func unsealedMaterials(sealer: MaterialSealer) throws -> [String: [KeyMaterialID: KeyMaterial.Version]] {
        let usages = Dictionary(keys.map { ($0.id, $0.keyUsage) }, uniquingKeysWith: { $1 })
        var materials: [String: [KeyMaterialID: KeyMaterial.Version]] = [:]
        for row in self.materials {
            guard let uuid = UUID(uuidString: row.keyId), let materialID = KeyMaterialID(hex: row.materialId),
                let spec = KeySpec(rawValue: row.keyType),
                let usage = usages[row.keyId].flatMap({ KeyUsage(rawValue: $0) })
            else {
                throw KeyStoreLoadError(description: "bad key material row")
            }
            guard let secret = try? sealer.open(row.sealed, keyID: uuid, materialID: materialID, keyType: spec.rawValue)
            else {
                throw KeyStoreLoadError(
                    description: "key material of key \(row.keyId) does not open under the root key (wrong root key?)")
            }
            guard let version = try? KeyMaterial.version(id: materialID, spec: spec, usage: usage, secret: secret)
            else {
                throw KeyStoreLoadError(description: "key material of key \(row.keyId) is not a \(spec.rawValue) key")
            }
            materials[row.keyId, default: [:]][materialID] = version
        }
        return materials
    }

    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }
}

extension KeyRow {
    /// The key this row describes, with its unsealed material, policy, tags and rotation history.
    fileprivate func key(
        materials: [KeyMaterialID: KeyMaterial.Version], policy: String?, tags: [TagRow], rotations: [RotationRow],
        arn: String, accountId: String
    ) throws -> KMSKey {
        let date = KeyStoreRows.date
        guard let uuid = UUID(uuidString: id), let spec = KeySpec(rawValue: keySpec),
            let usage = KeyUsage(rawValue: keyUsage), let manager = KeyManager(rawValue: keyManager),
            let keyState = KeyState(rawValue: state),
            let lifecycle = KeyLifecycle(
                keyState: keyState, deletionDate: deletionDate.map(date), pendingWindowInDays: pendingWindowDays),
            let currentID = KeyMaterialID(hex: currentMaterialId),
            let material = KeyMaterial.assemble(materials, current: currentID), material.matches(spec),
            let policy
        else { throw KeyStoreLoadError(description: "inconsistent key row \(id)") }
        return KMSKey(
            id: uuid, keyId: id, arn: arn, creationDate: date(creationDate), description: description,
            keySpec: spec, keyUsage: usage, keyManager: manager, origin: origin, lifecycle: lifecycle,
            rotation: RotationSchedule(
                enabled: rotationEnabled, periodInDays: rotationPeriodDays, anchor: rotationAnchor.map(date),
                onDemandCount: onDemandRotations),
            policy: policy, policyDocument: KeyPolicy.loaded(policy, accountId: accountId),
            tags: tags.map { KeyTag(key: $0.key, value: $0.value) },
            material: material,
            rotations: rotations.map {
                RotationEntry(
                    keyId: id, keyMaterialId: $0.materialId, rotationDate: date($0.rotationDate),
                    rotationType: RotationEntry.RotationType(rawValue: $0.rotationType) ?? .automatic)
            })
    }
}

extension GrantRow {
    /// The row of `grant`, a grant on key `keyId`.
    init(_ grant: KeyGrant, keyId: String) throws {
        let entry = grant.entry
        let (kind, context) = try Self.constraintColumns(entry.constraint)
        self.init(
            grantId: entry.grantId, keyId: keyId, token: grant.token, name: entry.name,
            creationDate: entry.creationDate.timeIntervalSince1970, granteePrincipal: entry.granteePrincipal,
            retiringPrincipal: entry.retiringPrincipal, issuingAccount: entry.issuingAccount,
            operations: entry.operations.joined(separator: ","), constraintKind: kind, constraintContext: context)
    }

    /// The grant this row describes.
    fileprivate func grant(identifiers: KeyIdentifierParser) throws -> KeyGrant {
        let entry = GrantListEntry(
            keyId: identifiers.keyArn(keyId), grantId: grantId, name: name,
            creationDate: Date(timeIntervalSince1970: creationDate), granteePrincipal: granteePrincipal,
            retiringPrincipal: retiringPrincipal, issuingAccount: issuingAccount,
            operations: operations.split(separator: ",").map(String.init),
            constraint: try Self.constraint(kind: constraintKind, context: constraintContext))
        return KeyGrant(entry: entry, token: token)
    }

    private static func constraintColumns(_ constraint: GrantConstraint?) throws -> (String?, String?) {
        let (kind, pairs): (String, [String: String])
        switch constraint {
        case nil: return (nil, nil)
        case .encryptionContextSubset(let context)?: (kind, pairs) = ("EncryptionContextSubset", context)
        case .encryptionContextEquals(let context)?: (kind, pairs) = ("EncryptionContextEquals", context)
        }
        let json = try JSONSerialization.data(withJSONObject: pairs, options: [.sortedKeys])
        return (kind, String(decoding: json, as: UTF8.self))
    }

    private static func constraint(kind: String?, context: String?) throws -> GrantConstraint? {
        guard let kind, let context else { return nil }
        guard let pairs = try JSONSerialization.jsonObject(with: Data(context.utf8)) as? [String: String] else {
            throw KeyStoreLoadError(description: "bad grant constraint row")
        }
        switch kind {
        case "EncryptionContextSubset": return .encryptionContextSubset(pairs)
        case "EncryptionContextEquals": return .encryptionContextEquals(pairs)
        default: throw KeyStoreLoadError(description: "bad grant constraint row")
        }
    }
}
