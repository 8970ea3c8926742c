import Foundation
import GRDB

/// The intent-named statements of each write. The key service runs each inside one transaction, together
/// with the swap of its in-memory store (see `KeyManagementService.commit`).
extension KMSDatabase {
    /// Material sealed under the root key, ready to store.
    struct SealedMaterial: Sendable {
        let id: KeyMaterialID
        let keyType: String
        let bytes: [UInt8]
    }

    /// CreateKey: the key row, its first material, policy and tags.
    static func insertKey(_ key: KMSKey, material: SealedMaterial, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO kms_key (id, creation_date, description, key_spec, key_usage, key_manager, origin,
                    state, deletion_date, pending_window_days, rotation_enabled, rotation_period_days,
                    rotation_anchor, on_demand_rotations, current_material_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key.keyId, key.creationDate.timeIntervalSince1970, key.description, key.keySpec.rawValue,
                key.keyUsage.rawValue, key.keyManager.rawValue, key.origin, key.lifecycle.keyState.rawValue,
                key.lifecycle.deletionDate?.timeIntervalSince1970, key.lifecycle.pendingWindowInDays,
                key.rotation.enabled, key.rotation.periodInDays, key.rotation.anchor?.timeIntervalSince1970,
                key.rotation.onDemandCount, key.material.currentID.hex,
            ])
        try insertMaterial(material, keyId: key.keyId, at: key.creationDate, in: db)
        try replacePolicy(key.policy, keyId: key.keyId, in: db)
        try replaceTags(key.tags, keyId: key.keyId, in: db)
    }

    /// Enable/Disable/ScheduleKeyDeletion/CancelKeyDeletion/UpdateKeyDescription/Enable/DisableKeyRotation:
    /// the key row's mutable columns.
    static func updateKey(_ key: KMSKey, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE kms_key SET description = ?, state = ?, deletion_date = ?, pending_window_days = ?,
                    rotation_enabled = ?, rotation_period_days = ?, rotation_anchor = ?, on_demand_rotations = ?,
                    current_material_id = ?
                WHERE id = ?
                """,
            arguments: [
                key.description, key.lifecycle.keyState.rawValue, key.lifecycle.deletionDate?.timeIntervalSince1970,
                key.lifecycle.pendingWindowInDays, key.rotation.enabled, key.rotation.periodInDays,
                key.rotation.anchor?.timeIntervalSince1970, key.rotation.onDemandCount, key.material.currentID.hex,
                key.keyId,
            ])
    }

    /// RotateKeyOnDemand and automatic rotation: the new material, its rotation entry and the key row.
    static func rotateKey(_ key: KMSKey, material: SealedMaterial, entry: RotationEntry, in db: Database) throws {
        try insertMaterial(material, keyId: key.keyId, at: entry.rotationDate, in: db)
        try db.execute(
            sql: "INSERT INTO kms_rotation (material_id, key_id, rotation_date, rotation_type) VALUES (?, ?, ?, ?)",
            arguments: [
                entry.keyMaterialId, key.keyId, entry.rotationDate.timeIntervalSince1970, entry.rotationType.rawValue,
            ])
        try updateKey(key, in: db)
    }

    /// PutKeyPolicy.
    static func replacePolicy(_ document: String, keyId: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO kms_key_policy (key_id, name, document) VALUES (?, 'default', ?)",
            arguments: [keyId, document])
    }

    /// TagResource and UntagResource: the whole tag set, in order.
    static func replaceTags(_ tags: [KeyTag], keyId: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM kms_tag WHERE key_id = ?", arguments: [keyId])
        for (position, tag) in tags.enumerated() {
            try db.execute(
                sql: "INSERT INTO kms_tag (key_id, position, tag_key, tag_value) VALUES (?, ?, ?, ?)",
                arguments: [keyId, position, tag.key, tag.value])
        }
    }

    /// CreateAlias and UpdateAlias.
    static func saveAlias(_ alias: AliasRecord, in db: Database) throws {
        try db.execute(
            sql:
                "INSERT OR REPLACE INTO kms_alias (name, key_id, creation_date, last_updated_date) VALUES (?, ?, ?, ?)",
            arguments: [
                alias.name, alias.targetKeyID.uuidString.lowercased(), alias.creationDate.timeIntervalSince1970,
                alias.lastUpdatedDate.timeIntervalSince1970,
            ])
    }

    /// DeleteAlias.
    static func deleteAlias(named name: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM kms_alias WHERE name = ?", arguments: [name])
    }

    /// End of a deletion window: the key and, by cascade, its material, rotations, aliases, tags and policy.
    static func deleteKey(keyId: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM kms_key WHERE id = ?", arguments: [keyId])
    }

    private static func insertMaterial(_ material: SealedMaterial, keyId: String, at date: Date, in db: Database) throws
    {
        try db.execute(
            sql:
                "INSERT INTO kms_key_material (material_id, key_id, key_type, sealed, creation_date) VALUES (?, ?, ?, ?, ?)",
            arguments: [material.id.hex, keyId, material.keyType, Data(material.bytes), date.timeIntervalSince1970])
    }
}
