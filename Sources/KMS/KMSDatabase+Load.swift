import Foundation
import GRDB

/// Reading the whole database into a `KeyStore` at start-up.
extension KMSDatabase {
    /// Why the stored state could not be loaded.
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    /// Loads every key with its unsealed material, and every alias.
    func loadStore(sealer: MaterialSealer, identifiers: KeyIdentifierParser) throws -> KeyStore {
        try writer.read { db in
            var store = KeyStore()
            let materials = try Self.loadMaterials(db, sealer: sealer)
            let policies = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key_id, document FROM kms_key_policy").map {
                    (row: Row) in (row["key_id"] as String, row["document"] as String)
                })
            let tags = try Dictionary(
                grouping: Row.fetchAll(db, sql: "SELECT * FROM kms_tag ORDER BY key_id, position"),
                by: { (row: Row) in row["key_id"] as String })
            let rotations = try Dictionary(
                grouping: Row.fetchAll(db, sql: "SELECT * FROM kms_rotation ORDER BY rotation_date, rowid"),
                by: { (row: Row) in row["key_id"] as String })
            let grants = try Self.loadGrants(db, identifiers: identifiers)
            for row in try Row.fetchAll(db, sql: "SELECT * FROM kms_key") {
                let keyId: String = row["id"]
                var key = try Self.key(
                    row, materials: materials[keyId] ?? [:], policy: policies[keyId], tags: tags[keyId] ?? [],
                    rotations: rotations[keyId] ?? [], arn: identifiers.keyArn(keyId),
                    accountId: identifiers.accountId)
                for grant in grants[keyId] ?? [] { key.grants.add(grant) }
                store.keys[key.id] = key
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM kms_alias") {
                guard let target = UUID(uuidString: row["key_id"]) else {
                    throw LoadError(description: "bad alias row")
                }
                let alias = AliasRecord(
                    name: row["name"], targetKeyID: target, creationDate: Self.date(row["creation_date"]),
                    lastUpdatedDate: Self.date(row["last_updated_date"]))
                store.aliases[alias.name] = alias
            }
            return store
        }
    }

    /// Unseals and parses every material row, by key id. The key type (spec) is bound in each row's AAD; the
    /// usage, which decides how an RSA private key is held, comes from the key row.
    private static func loadMaterials(_ db: Database, sealer: MaterialSealer) throws
        -> [String: [KeyMaterialID: KeyMaterial.Version]]
    {
        var materials: [String: [KeyMaterialID: KeyMaterial.Version]] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.key_id, m.material_id, m.key_type, m.sealed, k.key_usage
                FROM kms_key_material m JOIN kms_key k ON k.id = m.key_id
                """)
        for row in rows {
            let keyId: String = row["key_id"]
            guard let uuid = UUID(uuidString: keyId), let materialID = KeyMaterialID(hex: row["material_id"]),
                let spec = KeySpec(rawValue: row["key_type"]), let usage = KeyUsage(rawValue: row["key_usage"])
            else {
                throw LoadError(description: "bad key material row")
            }
            let sealed: Data = row["sealed"]
            guard
                let secret = try? sealer.open(
                    Array(sealed), keyID: uuid, materialID: materialID, keyType: spec.rawValue)
            else {
                throw LoadError(
                    description: "key material of key \(keyId) does not open under the root key (wrong root key?)")
            }
            guard let version = try? KeyMaterial.version(id: materialID, spec: spec, usage: usage, secret: secret)
            else {
                throw LoadError(description: "key material of key \(keyId) is not a \(spec.rawValue) key")
            }
            materials[keyId, default: [:]][materialID] = version
        }
        return materials
    }

    private static func key(
        _ row: Row, materials: [KeyMaterialID: KeyMaterial.Version], policy: String?, tags: [Row], rotations: [Row],
        arn: String, accountId: String
    ) throws -> KMSKey {
        let keyId: String = row["id"]
        guard let uuid = UUID(uuidString: keyId), let spec = KeySpec(rawValue: row["key_spec"]),
            let usage = KeyUsage(rawValue: row["key_usage"]), let manager = KeyManager(rawValue: row["key_manager"]),
            let state = KeyState(rawValue: row["state"]),
            let lifecycle = KeyLifecycle(
                keyState: state, deletionDate: (row["deletion_date"] as Double?).map(date),
                pendingWindowInDays: row["pending_window_days"]),
            let currentID = KeyMaterialID(hex: row["current_material_id"]),
            let material = KeyMaterial.assemble(materials, current: currentID), material.matches(spec),
            let policy
        else { throw LoadError(description: "inconsistent key row \(keyId)") }
        return KMSKey(
            id: uuid, keyId: keyId, arn: arn, creationDate: date(row["creation_date"]), description: row["description"],
            keySpec: spec, keyUsage: usage, keyManager: manager, origin: row["origin"], lifecycle: lifecycle,
            rotation: RotationSchedule(
                enabled: row["rotation_enabled"], periodInDays: row["rotation_period_days"],
                anchor: (row["rotation_anchor"] as Double?).map(date), onDemandCount: row["on_demand_rotations"]),
            policy: policy, policyDocument: KeyPolicy.loaded(policy, accountId: accountId),
            tags: tags.map { KeyTag(key: $0["tag_key"], value: $0["tag_value"]) },
            material: material,
            rotations: rotations.map {
                RotationEntry(
                    keyId: keyId, keyMaterialId: $0["material_id"], rotationDate: date($0["rotation_date"]),
                    rotationType: RotationEntry.RotationType(rawValue: $0["rotation_type"]) ?? .automatic)
            })
    }

    private static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }
}
