import Foundation

/// One row-level change of a key-service write, applied by a ``KeyStorage`` in the write's transaction.
///
/// Each case is one of the intent-named statements the SQLite store always had; a storage applies a write's
/// changes in order, all or none.
package enum KeyRowChange: Sendable, Equatable {
    /// CreateKey: the key row and its first material (its policy and tags follow as their own changes).
    case insertKey(KeyRow, MaterialRow)
    /// The key row's mutable columns (state, deletion, rotation settings, description, current material).
    case updateKey(KeyRow)
    /// A rotation: the new material, its rotation entry, then the key row's mutable columns.
    case rotateKey(KeyRow, MaterialRow, RotationRow)
    /// PutKeyPolicy (and CreateKey): the key's one policy.
    case replacePolicy(PolicyRow)
    /// TagResource, UntagResource (and CreateKey): the key's whole tag set, in order.
    case replaceTags(keyId: String, [TagRow])
    /// CreateAlias and UpdateAlias.
    case saveAlias(AliasRow)
    /// DeleteAlias.
    case deleteAlias(name: String)
    /// End of a deletion window: the key with its material, rotations, aliases, tags, policy and grants.
    case deleteKey(keyId: String)
    /// CreateGrant.
    case insertGrant(GrantRow)
    /// RetireGrant and RevokeGrant.
    case deleteGrant(grantId: String)
}

/// Material sealed under the root key, ready to store.
struct SealedMaterial: Sendable {
    let id: KeyMaterialID
    let keyType: String
    let bytes: [UInt8]
}

/// Collects the row changes of one write, from the key service's own values.
///
/// A write's closure validates against the in-memory store, mutates it and records here what the storage must
/// write; `KeyManagementService.commit` hands the list to the storage.
struct KeyRowRecorder: Sendable {
    private(set) var changes: [KeyRowChange] = []

    /// CreateKey: the key row, its first material, policy and tags.
    mutating func insertKey(_ key: KMSKey, material: SealedMaterial) {
        changes.append(.insertKey(key.row, material.row(keyId: key.keyId, at: key.creationDate)))
        replacePolicy(key.policy, keyId: key.keyId)
        replaceTags(key.tags, keyId: key.keyId)
    }

    /// The key row's mutable columns.
    mutating func updateKey(_ key: KMSKey) {
        changes.append(.updateKey(key.row))
    }

    /// A rotation to `material`, recorded as `entry`.
    mutating func rotateKey(_ key: KMSKey, material: SealedMaterial, entry: RotationEntry) {
        let rotation = RotationRow(
            materialId: entry.keyMaterialId, keyId: key.keyId, rotationDate: entry.rotationDate.timeIntervalSince1970,
            rotationType: entry.rotationType.rawValue)
        changes.append(.rotateKey(key.row, material.row(keyId: key.keyId, at: entry.rotationDate), rotation))
    }

    /// PutKeyPolicy.
    mutating func replacePolicy(_ document: String, keyId: String) {
        changes.append(.replacePolicy(PolicyRow(keyId: keyId, document: document)))
    }

    /// TagResource and UntagResource.
    mutating func replaceTags(_ tags: [KeyTag], keyId: String) {
        let rows = tags.enumerated().map {
            TagRow(keyId: keyId, position: $0.offset, key: $0.element.key, value: $0.element.value)
        }
        changes.append(.replaceTags(keyId: keyId, rows))
    }

    /// CreateAlias and UpdateAlias.
    mutating func saveAlias(_ alias: AliasRecord) {
        changes.append(
            .saveAlias(
                AliasRow(
                    name: alias.name, keyId: alias.targetKeyID.uuidString.lowercased(),
                    creationDate: alias.creationDate.timeIntervalSince1970,
                    lastUpdatedDate: alias.lastUpdatedDate.timeIntervalSince1970)))
    }

    /// DeleteAlias.
    mutating func deleteAlias(named name: String) {
        changes.append(.deleteAlias(name: name))
    }

    /// The end of a deletion window.
    mutating func deleteKey(keyId: String) {
        changes.append(.deleteKey(keyId: keyId))
    }

    /// CreateGrant.
    mutating func insertGrant(_ grant: KeyGrant, keyId: String) throws {
        changes.append(.insertGrant(try GrantRow(grant, keyId: keyId)))
    }

    /// RetireGrant and RevokeGrant.
    mutating func deleteGrant(grantId: String) {
        changes.append(.deleteGrant(grantId: grantId))
    }
}

extension KMSKey {
    /// The key's `kms_key` row.
    var row: KeyRow {
        KeyRow(
            id: keyId, creationDate: creationDate.timeIntervalSince1970, description: description,
            keySpec: keySpec.rawValue, keyUsage: keyUsage.rawValue, keyManager: keyManager.rawValue, origin: origin,
            state: lifecycle.keyState.rawValue, deletionDate: lifecycle.deletionDate?.timeIntervalSince1970,
            pendingWindowDays: lifecycle.pendingWindowInDays, rotationEnabled: rotation.enabled,
            rotationPeriodDays: rotation.periodInDays, rotationAnchor: rotation.anchor?.timeIntervalSince1970,
            onDemandRotations: rotation.onDemandCount, currentMaterialId: material.currentID.hex)
    }
}

extension SealedMaterial {
    /// The material's row, as a version of key `keyId` created at `date`.
    func row(keyId: String, at date: Date) -> MaterialRow {
        MaterialRow(
            materialId: id.hex, keyId: keyId, keyType: keyType, sealed: bytes, creationDate: date.timeIntervalSince1970)
    }
}
