import Foundation
import KMS
import PostgresNIO

/// Reading every row and applying a write's row changes, the statements of the SQLite store in PostgreSQL's dialect.
extension PostgresKeyStore {
    /// Every row: tags by position, rotations and grants in the order they were written.
    func rows(on connection: PostgresConnection) async throws -> KeyStoreRows {
        var rows = KeyStoreRows()
        rows.keys = try await select("SELECT * FROM coffer_kms.kms_key", on: connection) {
            KeyRow(
                id: try $0.value("id"), creationDate: try $0.value("creation_date"),
                description: try $0.value("description"), keySpec: try $0.value("key_spec"),
                keyUsage: try $0.value("key_usage"), keyManager: try $0.value("key_manager"),
                origin: try $0.value("origin"), state: try $0.value("state"),
                deletionDate: try $0.value("deletion_date"),
                pendingWindowDays: try $0.value("pending_window_days"),
                rotationEnabled: try $0.value("rotation_enabled"),
                rotationPeriodDays: try $0.value("rotation_period_days"),
                rotationAnchor: try $0.value("rotation_anchor"), onDemandRotations: try $0.value("on_demand_rotations"),
                currentMaterialId: try $0.value("current_material_id"))
        }
        rows.materials = try await select("SELECT * FROM coffer_kms.kms_key_material", on: connection) {
            MaterialRow(
                materialId: try $0.value("material_id"), keyId: try $0.value("key_id"),
                keyType: try $0.value("key_type"), sealed: Array(try $0.value("sealed", as: Data.self)),
                creationDate: try $0.value("creation_date"))
        }
        rows.rotations = try await select(
            "SELECT * FROM coffer_kms.kms_rotation ORDER BY rotation_date, seq", on: connection
        ) {
            RotationRow(
                materialId: try $0.value("material_id"), keyId: try $0.value("key_id"),
                rotationDate: try $0.value("rotation_date"), rotationType: try $0.value("rotation_type"))
        }
        rows.aliases = try await select("SELECT * FROM coffer_kms.kms_alias", on: connection) {
            AliasRow(
                name: try $0.value("name"), keyId: try $0.value("key_id"), creationDate: try $0.value("creation_date"),
                lastUpdatedDate: try $0.value("last_updated_date"))
        }
        rows.tags = try await select("SELECT * FROM coffer_kms.kms_tag ORDER BY key_id, position", on: connection) {
            TagRow(
                keyId: try $0.value("key_id"), position: try $0.value("position"), key: try $0.value("tag_key"),
                value: try $0.value("tag_value"))
        }
        rows.policies = try await select("SELECT key_id, document FROM coffer_kms.kms_key_policy", on: connection) {
            PolicyRow(keyId: try $0.value("key_id"), document: try $0.value("document"))
        }
        rows.grants = try await select(
            "SELECT * FROM coffer_kms.kms_grant ORDER BY creation_date, seq", on: connection, Self.grantRow)
        return rows
    }

    private static func grantRow(_ row: PostgresRandomAccessRow) throws -> GrantRow {
        GrantRow(
            grantId: try row.value("grant_id"), keyId: try row.value("key_id"), token: try row.value("grant_token"),
            name: try row.value("name"), creationDate: try row.value("creation_date"),
            granteePrincipal: try row.value("grantee_principal"),
            retiringPrincipal: try row.value("retiring_principal"),
            issuingAccount: try row.value("issuing_account"), operations: try row.value("operations"),
            constraintKind: try row.value("constraint_kind"), constraintContext: try row.value("constraint_context"))
    }

    private func select<Row>(
        _ query: PostgresQuery, on connection: PostgresConnection, _ make: (PostgresRandomAccessRow) throws -> Row
    ) async throws -> [Row] {
        var result: [Row] = []
        for try await row in try await connection.query(query, logger: logger) {
            result.append(try make(row.makeRandomAccess()))
        }
        return result
    }

    /// Applies one change inside the write's transaction.
    func apply(_ change: KeyRowChange, on connection: PostgresConnection) async throws {
        switch change {
        case .insertKey(let key, let material):
            try await insertKey(key, on: connection)
            try await insertMaterial(material, on: connection)
        case .updateKey(let key): try await updateKey(key, on: connection)
        case .rotateKey(let key, let material, let rotation):
            try await insertMaterial(material, on: connection)
            try await run(
                """
                INSERT INTO coffer_kms.kms_rotation (material_id, key_id, rotation_date, rotation_type)
                VALUES (\(rotation.materialId), \(rotation.keyId), \(rotation.rotationDate), \(rotation.rotationType))
                """, on: connection)
            try await updateKey(key, on: connection)
        case .replacePolicy(let policy):
            try await run(
                """
                INSERT INTO coffer_kms.kms_key_policy (key_id, name, document) VALUES (\(policy.keyId), 'default', \
                \(policy.document)) ON CONFLICT (key_id, name) DO UPDATE SET document = EXCLUDED.document
                """, on: connection)
        case .replaceTags(let keyId, let tags): try await replaceTags(tags, keyId: keyId, on: connection)
        case .saveAlias(let alias):
            try await run(
                """
                INSERT INTO coffer_kms.kms_alias (name, key_id, creation_date, last_updated_date)
                VALUES (\(alias.name), \(alias.keyId), \(alias.creationDate), \(alias.lastUpdatedDate))
                ON CONFLICT (name) DO UPDATE SET key_id = EXCLUDED.key_id, creation_date = EXCLUDED.creation_date,
                    last_updated_date = EXCLUDED.last_updated_date
                """, on: connection)
        case .deleteAlias(let name):
            try await run("DELETE FROM coffer_kms.kms_alias WHERE name = \(name)", on: connection)
        case .deleteKey(let keyId): try await run("DELETE FROM coffer_kms.kms_key WHERE id = \(keyId)", on: connection)
        case .insertGrant(let grant): try await insertGrant(grant, on: connection)
        case .deleteGrant(let grantId):
            try await run("DELETE FROM coffer_kms.kms_grant WHERE grant_id = \(grantId)", on: connection)
        }
    }

    private func insertKey(_ key: KeyRow, on connection: PostgresConnection) async throws {
        try await run(
            """
            INSERT INTO coffer_kms.kms_key (id, creation_date, description, key_spec, key_usage, key_manager, origin,
                state, deletion_date, pending_window_days, rotation_enabled, rotation_period_days, rotation_anchor,
                on_demand_rotations, current_material_id)
            VALUES (\(key.id), \(key.creationDate), \(key.description), \(key.keySpec), \(key.keyUsage), \
            \(key.keyManager), \(key.origin), \(key.state), \(key.deletionDate), \(key.pendingWindowDays), \
            \(key.rotationEnabled), \(key.rotationPeriodDays), \(key.rotationAnchor), \(key.onDemandRotations), \
            \(key.currentMaterialId))
            """, on: connection)
    }

    private func updateKey(_ key: KeyRow, on connection: PostgresConnection) async throws {
        try await run(
            """
            UPDATE coffer_kms.kms_key SET description = \(key.description), state = \(key.state), \
            deletion_date = \(key.deletionDate), pending_window_days = \(key.pendingWindowDays), \
            rotation_enabled = \(key.rotationEnabled), rotation_period_days = \(key.rotationPeriodDays), \
            rotation_anchor = \(key.rotationAnchor), on_demand_rotations = \(key.onDemandRotations), \
            current_material_id = \(key.currentMaterialId)
            WHERE id = \(key.id)
            """, on: connection)
    }

    private func replaceTags(_ tags: [TagRow], keyId: String, on connection: PostgresConnection) async throws {
        try await run("DELETE FROM coffer_kms.kms_tag WHERE key_id = \(keyId)", on: connection)
        for tag in tags {
            try await run(
                """
                INSERT INTO coffer_kms.kms_tag (key_id, position, tag_key, tag_value)
                VALUES (\(keyId), \(tag.position), \(tag.key), \(tag.value))
                """, on: connection)
        }
    }

    private func insertMaterial(_ material: MaterialRow, on connection: PostgresConnection) async throws {
        try await run(
            """
            INSERT INTO coffer_kms.kms_key_material (material_id, key_id, key_type, sealed, creation_date)
            VALUES (\(material.materialId), \(material.keyId), \(material.keyType), \(Data(material.sealed)), \
            \(material.creationDate))
            """, on: connection)
    }

    private func insertGrant(_ grant: GrantRow, on connection: PostgresConnection) async throws {
        try await run(
            """
            INSERT INTO coffer_kms.kms_grant (grant_id, key_id, grant_token, name, creation_date, grantee_principal,
                retiring_principal, issuing_account, operations, constraint_kind, constraint_context)
            VALUES (\(grant.grantId), \(grant.keyId), \(grant.token), \(grant.name), \(grant.creationDate), \
            \(grant.granteePrincipal), \(grant.retiringPrincipal), \(grant.issuingAccount), \(grant.operations), \
            \(grant.constraintKind), \(grant.constraintContext))
            """, on: connection)
    }

    private func run(_ query: PostgresQuery, on connection: PostgresConnection) async throws {
        try await connection.query(query, logger: logger)
    }
}

extension PostgresRandomAccessRow {
    /// The column `name` decoded as `T` (an optional type reads NULL as nil).
    fileprivate func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }
}
