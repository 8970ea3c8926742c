import KMS

/// Hand-made rows for the storage conformance test: the writes to apply and the rows they leave.
struct RowFixture {
    static let keyId = "11111111-2222-4333-8444-555555555555"
    static let otherKeyId = "99999999-2222-4333-8444-555555555555"
    static let material1 = String(repeating: "a1", count: 32)
    static let material2 = String(repeating: "b2", count: 32)
    static let otherMaterial = String(repeating: "c3", count: 32)

    let key = KeyRow(
        id: keyId, creationDate: 1_700_000_000.125, description: "first", keySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT", keyManager: "CUSTOMER", origin: "AWS_KMS", state: "Enabled", deletionDate: nil,
        pendingWindowDays: nil, rotationEnabled: false, rotationPeriodDays: 365, rotationAnchor: nil,
        onDemandRotations: 0, currentMaterialId: material1)
    let first = MaterialRow(
        materialId: material1, keyId: keyId, keyType: "SYMMETRIC_DEFAULT", sealed: [1, 2, 3, 0, 255],
        creationDate: 1_700_000_000.125)
    let second = MaterialRow(
        materialId: material2, keyId: keyId, keyType: "SYMMETRIC_DEFAULT", sealed: Array(repeating: 7, count: 60),
        creationDate: 1_700_000_100.5)
    /// Two grants with the same date, the later-written one with the smaller id: order must be kept.
    let grantB = Self.grant(String(repeating: "b", count: 64), token: "tb", constraint: nil)
    let grantA = Self.grant(
        String(repeating: "a", count: 64), token: "ta", constraint: ("EncryptionContextEquals", #"{"k":"v"}"#))
    let grantC = Self.grant(String(repeating: "c", count: 64), token: "tc", constraint: nil)

    static func grant(_ id: String, token: String, constraint: (String, String)?) -> GrantRow {
        GrantRow(
            grantId: id, keyId: keyId, token: token, name: id == String(repeating: "a", count: 64) ? "named" : nil,
            creationDate: 1_700_000_050, granteePrincipal: "arn:aws:iam::111122223333:role/r",
            retiringPrincipal: nil, issuingAccount: "arn:aws:iam::111122223333:root", operations: "Decrypt,Encrypt",
            constraintKind: constraint?.0, constraintContext: constraint?.1)
    }

    var createWrite: [KeyRowChange] {
        [
            .insertKey(key, first), .replacePolicy(PolicyRow(keyId: Self.keyId, document: #"{"v":1}"#)),
            .replaceTags(
                keyId: Self.keyId,
                [
                    TagRow(keyId: Self.keyId, position: 0, key: "z", value: "1"),
                    TagRow(keyId: Self.keyId, position: 1, key: "a", value: "2"),
                ]),
            .saveAlias(AliasRow(name: "alias/one", keyId: Self.keyId, creationDate: 10, lastUpdatedDate: 10)),
            .saveAlias(AliasRow(name: "alias/two", keyId: Self.keyId, creationDate: 11, lastUpdatedDate: 11)),
            .insertGrant(grantB), .insertGrant(grantA),
        ]
    }

    var rotated: KeyRow {
        var key = key
        key.currentMaterialId = Self.material2
        key.rotationEnabled = true
        key.rotationAnchor = 1_700_000_001
        key.onDemandRotations = 1
        key.state = "PendingDeletion"
        key.deletionDate = 1_800_000_000
        key.pendingWindowDays = 7
        key.description = "changed"
        return key
    }

    var changeWrite: [KeyRowChange] {
        [
            .rotateKey(
                rotated, second,
                RotationRow(
                    materialId: Self.material2, keyId: Self.keyId, rotationDate: 1_700_000_100.5,
                    rotationType: "ON_DEMAND")),
            .replacePolicy(PolicyRow(keyId: Self.keyId, document: #"{"v":2}"#)),
            .replaceTags(keyId: Self.keyId, [TagRow(keyId: Self.keyId, position: 0, key: "a", value: "3")]),
            .saveAlias(AliasRow(name: "alias/one", keyId: Self.keyId, creationDate: 10, lastUpdatedDate: 20)),
            .insertGrant(grantC),
        ]
    }

    var removeWrite: [KeyRowChange] {
        [.deleteAlias(name: "alias/two"), .deleteGrant(grantId: grantC.grantId)]
    }

    /// A second key with everything attached, deleted in the same write (its rows must all go, by cascade).
    var otherKeyWrite: [KeyRowChange] {
        var other = key
        other.id = Self.otherKeyId
        other.currentMaterialId = Self.otherMaterial
        var material = first
        material.keyId = Self.otherKeyId
        material.materialId = Self.otherMaterial
        var grant = grantC
        grant.keyId = Self.otherKeyId
        grant.grantId = String(repeating: "d", count: 64)
        grant.token = "td"
        return [
            .insertKey(other, material), .replacePolicy(PolicyRow(keyId: Self.otherKeyId, document: "{}")),
            .replaceTags(keyId: Self.otherKeyId, [TagRow(keyId: Self.otherKeyId, position: 0, key: "k", value: "v")]),
            .saveAlias(AliasRow(name: "alias/other", keyId: Self.otherKeyId, creationDate: 1, lastUpdatedDate: 1)),
            .insertGrant(grant),
        ]
    }

    var expected: KeyStoreRows {
        var rows = KeyStoreRows()
        rows.keys = [rotated]
        rows.materials = [first, second]
        rows.rotations = [
            RotationRow(
                materialId: Self.material2, keyId: Self.keyId, rotationDate: 1_700_000_100.5, rotationType: "ON_DEMAND")
        ]
        rows.aliases = [AliasRow(name: "alias/one", keyId: Self.keyId, creationDate: 10, lastUpdatedDate: 20)]
        rows.tags = [TagRow(keyId: Self.keyId, position: 0, key: "a", value: "3")]
        rows.policies = [PolicyRow(keyId: Self.keyId, document: #"{"v":2}"#)]
        rows.grants = [grantB, grantA]
        return rows
    }
}
