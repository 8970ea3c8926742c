import Foundation
import GRDB

/// The intent-named statements of each row change. `write(isCurrent:_:)` runs a write's changes inside one
/// transaction on the serial writer, together with the swap of the service's in-memory store.
extension KMSDatabase {
    /// Applies one change.
    static func apply(_ change: KeyRowChange, in db: Database) throws {
        switch change {
        case .insertKey(let key, let material):
            try insertKey(key, in: db)
            try insertMaterial(material, in: db)
        case .updateKey(let key): try updateKey(key, in: db)
        case .rotateKey(let key, let material, let rotation):
            try insertMaterial(material, in: db)
            try db.execute(
                sql: "INSERT INTO kms_rotation (material_id, key_id, rotation_date, rotation_type) VALUES (?, ?, ?, ?)",
                arguments: [rotation.materialId, rotation.keyId, rotation.rotationDate, rotation.rotationType])
            try updateKey(key, in: db)
        case .replacePolicy(let policy):
            try db.execute(
                sql: "INSERT OR REPLACE INTO kms_key_policy (key_id, name, document) VALUES (?, 'default', ?)",
                arguments: [policy.keyId, policy.document])
        case .replaceTags(let keyId, let tags): try replaceTags(tags, keyId: keyId, in: db)
        case .saveAlias(let alias):
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO kms_alias (name, key_id, creation_date, last_updated_date) VALUES (?, ?, ?, ?)
                    """,
                arguments: [alias.name, alias.keyId, alias.creationDate, alias.lastUpdatedDate])
        case .deleteAlias(let name): try db.execute(sql: "DELETE FROM kms_alias WHERE name = ?", arguments: [name])
        case .deleteKey(let keyId): try db.execute(sql: "DELETE FROM kms_key WHERE id = ?", arguments: [keyId])
        case .insertGrant(let grant): try insertGrant(grant, in: db)
        case .deleteGrant(let grantId):
            try db.execute(sql: "DELETE FROM kms_grant WHERE grant_id = ?", arguments: [grantId])
        }
    }

    private static func insertKey(_ key: KeyRow, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO kms_key (id, creation_date, description, key_spec, key_usage, key_manager, origin,
                    state, deletion_date, pending_window_days, rotation_enabled, rotation_period_days,
                    rotation_anchor, on_demand_rotations, current_material_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key.id, key.creationDate, key.description, key.keySpec, key.keyUsage, key.keyManager, key.origin,
                key.state, key.deletionDate, key.pendingWindowDays, key.rotationEnabled, key.rotationPeriodDays,
                key.rotationAnchor, key.onDemandRotations, key.currentMaterialId,
            ])
    }

    private static func updateKey(_ key: KeyRow, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE kms_key SET description = ?, state = ?, deletion_date = ?, pending_window_days = ?,
                    rotation_enabled = ?, rotation_period_days = ?, rotation_anchor = ?, on_demand_rotations = ?,
                    current_material_id = ?
                WHERE id = ?
                """,
            arguments: [
                key.description, key.state, key.deletionDate, key.pendingWindowDays, key.rotationEnabled,
                key.rotationPeriodDays, key.rotationAnchor, key.onDemandRotations, key.currentMaterialId, key.id,
            ])
    }

    private static func replaceTags(_ tags: [TagRow], keyId: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM kms_tag WHERE key_id = ?", arguments: [keyId])
        for tag in tags {
            try db.execute(
                sql: "INSERT INTO kms_tag (key_id, position, tag_key, tag_value) VALUES (?, ?, ?, ?)",
                arguments: [keyId, tag.position, tag.key, tag.value])
        }
    }

    private static func insertMaterial(_ material: MaterialRow, in db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO kms_key_material (material_id, key_id, key_type, sealed, creation_date) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                material.materialId, material.keyId, material.keyType, Data(material.sealed), material.creationDate,
            ])
    }

    private static func insertGrant(_ grant: GrantRow, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO kms_grant (grant_id, key_id, grant_token, name, creation_date, grantee_principal,
                    retiring_principal, issuing_account, operations, constraint_kind, constraint_context)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                grant.grantId, grant.keyId, grant.token, grant.name, grant.creationDate, grant.granteePrincipal,
                grant.retiringPrincipal, grant.issuingAccount, grant.operations, grant.constraintKind,
                grant.constraintContext,
            ])
    }
}
