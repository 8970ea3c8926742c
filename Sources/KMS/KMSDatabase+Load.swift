import Foundation
import GRDB
import Synchronization

/// Reading every row of the database.
extension KMSDatabase {
    /// The name older callers and tests use for a load failure.
    typealias LoadError = KeyStoreLoadError

    /// Every row, and the version this process has counted (SQLite has one writer: this process).
    func snapshot() throws -> KeyStorageSnapshot {
        try writer.writeWithoutTransaction { db in
            KeyStorageSnapshot(rows: try Self.rows(db), version: version.withLock { $0 })
        }
    }

    /// Every row, tags by position, rotations and grants in the order they were written.
    static func rows(_ db: Database) throws -> KeyStoreRows {
        var rows = KeyStoreRows()
        rows.keys = try Row.fetchAll(db, sql: "SELECT * FROM kms_key").map(keyRow)
        rows.materials = try Row.fetchAll(db, sql: "SELECT * FROM kms_key_material").map {
            MaterialRow(
                materialId: $0["material_id"], keyId: $0["key_id"], keyType: $0["key_type"],
                sealed: Array($0["sealed"] as Data), creationDate: $0["creation_date"])
        }
        rows.rotations = try Row.fetchAll(db, sql: "SELECT * FROM kms_rotation ORDER BY rotation_date, rowid").map {
            RotationRow(
                materialId: $0["material_id"], keyId: $0["key_id"], rotationDate: $0["rotation_date"],
                rotationType: $0["rotation_type"])
        }
        rows.aliases = try Row.fetchAll(db, sql: "SELECT * FROM kms_alias").map {
            AliasRow(
                name: $0["name"], keyId: $0["key_id"], creationDate: $0["creation_date"],
                lastUpdatedDate: $0["last_updated_date"])
        }
        rows.tags = try Row.fetchAll(db, sql: "SELECT * FROM kms_tag ORDER BY key_id, position").map {
            TagRow(keyId: $0["key_id"], position: $0["position"], key: $0["tag_key"], value: $0["tag_value"])
        }
        rows.policies = try Row.fetchAll(db, sql: "SELECT key_id, document FROM kms_key_policy").map {
            PolicyRow(keyId: $0["key_id"], document: $0["document"])
        }
        rows.grants = try Row.fetchAll(db, sql: "SELECT * FROM kms_grant ORDER BY creation_date, rowid").map(grantRow)
        return rows
    }

    private static func keyRow(_ row: Row) -> KeyRow {
        let id: String = row["id"]
        let creationDate: Double = row["creation_date"]
        let description: String = row["description"]
        let keySpec: String = row["key_spec"]
        let keyUsage: String = row["key_usage"]
        let keyManager: String = row["key_manager"]
        let origin: String = row["origin"]
        let state: String = row["state"]
        let deletionDate: Double? = row["deletion_date"]
        let pendingWindowDays: Int? = row["pending_window_days"]
        let rotationEnabled: Bool = row["rotation_enabled"]
        let rotationPeriodDays: Int = row["rotation_period_days"]
        let rotationAnchor: Double? = row["rotation_anchor"]
        let onDemandRotations: Int = row["on_demand_rotations"]
        return KeyRow(
            id: id, creationDate: creationDate, description: description, keySpec: keySpec, keyUsage: keyUsage,
            keyManager: keyManager, origin: origin, state: state, deletionDate: deletionDate,
            pendingWindowDays: pendingWindowDays, rotationEnabled: rotationEnabled,
            rotationPeriodDays: rotationPeriodDays, rotationAnchor: rotationAnchor,
            onDemandRotations: onDemandRotations, currentMaterialId: row["current_material_id"])
    }

    private static func grantRow(_ row: Row) -> GrantRow {
        let grantId: String = row["grant_id"]
        let keyId: String = row["key_id"]
        let token: String = row["grant_token"]
        let name: String? = row["name"]
        let creationDate: Double = row["creation_date"]
        let grantee: String = row["grantee_principal"]
        let retiring: String? = row["retiring_principal"]
        let issuing: String = row["issuing_account"]
        let operations: String = row["operations"]
        let kind: String? = row["constraint_kind"]
        let context: String? = row["constraint_context"]
        return GrantRow(
            grantId: grantId, keyId: keyId, token: token, name: name, creationDate: creationDate,
            granteePrincipal: grantee, retiringPrincipal: retiring, issuingAccount: issuing, operations: operations,
            constraintKind: kind, constraintContext: context)
    }
}
