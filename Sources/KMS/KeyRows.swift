import Foundation

/// The key service's persisted state as plain rows, the one shape every ``KeyStorage`` reads and writes.
///
/// Rows hold only column values (strings, numbers, sealed bytes): what a key *means* (its unsealed material, its
/// parsed policy, its state machine) is built from them by the key service (`KeyStoreRows+Assemble.swift`), so a
/// storage never handles key bytes in the clear. Dates are seconds since 1970, stored as they are so that a
/// reloaded key is identical to the one written.
package struct KeyStoreRows: Sendable, Equatable {
    package var keys: [KeyRow] = []
    /// Every sealed material version.
    package var materials: [MaterialRow] = []
    /// Rotation entries, in the order they were written.
    package var rotations: [RotationRow] = []
    package var aliases: [AliasRow] = []
    /// Tags, by key in `position` order.
    package var tags: [TagRow] = []
    package var policies: [PolicyRow] = []
    /// Grants, in the order they were written.
    package var grants: [GrantRow] = []

    package init() {}

    /// The same rows in a canonical order (keys by id, the others by key and name), for comparing two storages.
    package var sorted: KeyStoreRows {
        var rows = self
        rows.keys.sort { $0.id < $1.id }
        rows.materials.sort { $0.materialId < $1.materialId }
        rows.rotations.sort { $0.materialId < $1.materialId }
        rows.aliases.sort { $0.name < $1.name }
        rows.tags.sort { ($0.keyId, $0.position) < ($1.keyId, $1.position) }
        rows.policies.sort { $0.keyId < $1.keyId }
        rows.grants.sort { $0.grantId < $1.grantId }
        return rows
    }
}

/// One `kms_key` row: a key's settings, state and current material version.
package struct KeyRow: Sendable, Equatable {
    package var id: String
    package var creationDate: Double
    package var description: String
    package var keySpec: String
    package var keyUsage: String
    package var keyManager: String
    package var origin: String
    package var state: String
    package var deletionDate: Double?
    package var pendingWindowDays: Int?
    package var rotationEnabled: Bool
    package var rotationPeriodDays: Int
    package var rotationAnchor: Double?
    package var onDemandRotations: Int
    package var currentMaterialId: String

    /// Every column, in the table's order.
    package init(
        id: String, creationDate: Double, description: String, keySpec: String, keyUsage: String,
        keyManager: String, origin: String, state: String, deletionDate: Double?, pendingWindowDays: Int?,
        rotationEnabled: Bool, rotationPeriodDays: Int, rotationAnchor: Double?, onDemandRotations: Int,
        currentMaterialId: String
    ) {
        self.id = id
        self.creationDate = creationDate
        self.description = description
        self.keySpec = keySpec
        self.keyUsage = keyUsage
        self.keyManager = keyManager
        self.origin = origin
        self.state = state
        self.deletionDate = deletionDate
        self.pendingWindowDays = pendingWindowDays
        self.rotationEnabled = rotationEnabled
        self.rotationPeriodDays = rotationPeriodDays
        self.rotationAnchor = rotationAnchor
        self.onDemandRotations = onDemandRotations
        self.currentMaterialId = currentMaterialId
    }
}

/// One `kms_key_material` row: a material version sealed under the root key (see `MaterialSealer`).
package struct MaterialRow: Sendable, Equatable {
    package var materialId: String
    package var keyId: String
    /// The key spec the sealed bytes are bound to.
    package var keyType: String
    package var sealed: [UInt8]
    package var creationDate: Double

    /// Every column.
    package init(materialId: String, keyId: String, keyType: String, sealed: [UInt8], creationDate: Double) {
        self.materialId = materialId
        self.keyId = keyId
        self.keyType = keyType
        self.sealed = sealed
        self.creationDate = creationDate
    }
}

/// One `kms_rotation` row.
package struct RotationRow: Sendable, Equatable {
    package var materialId: String
    package var keyId: String
    package var rotationDate: Double
    /// `AUTOMATIC` or `ON_DEMAND`.
    package var rotationType: String

    /// Every column.
    package init(materialId: String, keyId: String, rotationDate: Double, rotationType: String) {
        self.materialId = materialId
        self.keyId = keyId
        self.rotationDate = rotationDate
        self.rotationType = rotationType
    }
}

/// One `kms_alias` row.
package struct AliasRow: Sendable, Equatable {
    /// `alias/<name>`.
    package var name: String
    package var keyId: String
    package var creationDate: Double
    package var lastUpdatedDate: Double

    /// Every column.
    package init(name: String, keyId: String, creationDate: Double, lastUpdatedDate: Double) {
        self.name = name
        self.keyId = keyId
        self.creationDate = creationDate
        self.lastUpdatedDate = lastUpdatedDate
    }
}

/// One `kms_tag` row.
package struct TagRow: Sendable, Equatable {
    package var keyId: String
    package var position: Int
    package var key: String
    package var value: String

    /// Every column.
    package init(keyId: String, position: Int, key: String, value: String) {
        self.keyId = keyId
        self.position = position
        self.key = key
        self.value = value
    }
}

/// One `kms_key_policy` row (the policy named `default`).
package struct PolicyRow: Sendable, Equatable {
    package var keyId: String
    package var document: String

    /// Every column.
    package init(keyId: String, document: String) {
        self.keyId = keyId
        self.document = document
    }
}

/// One `kms_grant` row: its operations comma-separated in the order given, its constraint as a kind and the JSON
/// object of its encryption context.
package struct GrantRow: Sendable, Equatable {
    package var grantId: String
    package var keyId: String
    package var token: String
    package var name: String?
    package var creationDate: Double
    package var granteePrincipal: String
    package var retiringPrincipal: String?
    package var issuingAccount: String
    package var operations: String
    package var constraintKind: String?
    package var constraintContext: String?

    /// Every column.
    package init(
        grantId: String, keyId: String, token: String, name: String?, creationDate: Double, granteePrincipal: String,
        retiringPrincipal: String?, issuingAccount: String, operations: String, constraintKind: String?,
        constraintContext: String?
    ) {
        self.grantId = grantId
        self.keyId = keyId
        self.token = token
        self.name = name
        self.creationDate = creationDate
        self.granteePrincipal = granteePrincipal
        self.retiringPrincipal = retiringPrincipal
        self.issuingAccount = issuingAccount
        self.operations = operations
        self.constraintKind = constraintKind
        self.constraintContext = constraintContext
    }
}
