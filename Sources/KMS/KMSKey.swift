import Foundation

/// A key as the service holds it in memory: metadata, lifecycle, rotation, policy, tags and material.
struct KMSKey: Sendable {
    let id: UUID
    /// The bare key id, lowercase.
    let keyId: String
    let arn: String
    let creationDate: Date
    var description: String
    let keySpec: KeySpec
    let keyUsage: KeyUsage
    let keyManager: KeyManager
    let origin: String
    var lifecycle: KeyLifecycle
    var rotation: RotationSchedule
    var policy: String
    /// In the order they were first set.
    var tags: [KeyTag]
    /// Every version, current and previous, by id.
    var materials: [KeyMaterialID: KeyMaterialVersion]
    var currentMaterial: KeyMaterialVersion
    /// Rotation history, oldest first.
    var rotations: [RotationEntry]

    /// The `KeyMetadata` DescribeKey returns.
    func metadata(accountId: String) -> KeyMetadata {
        KeyMetadata(
            accountId: accountId, keyId: keyId, arn: arn, creationDate: creationDate, description: description,
            keyUsage: keyUsage, keyState: lifecycle.keyState, deletionDate: lifecycle.deletionDate,
            pendingDeletionWindowInDays: lifecycle.pendingWindowInDays, origin: origin, keyManager: keyManager,
            keySpec: keySpec, encryptionAlgorithms: keySpec == .symmetricDefault ? ["SYMMETRIC_DEFAULT"] : [],
            signingAlgorithms: [], macAlgorithms: [], currentKeyMaterialId: currentMaterial.hex)
    }

    /// Whether the key can encrypt and decrypt symmetric ciphertext blobs.
    var isSymmetricEncryptionKey: Bool { keySpec == .symmetricDefault && keyUsage == .encryptDecrypt }

    /// Adds `material` as the current version, recording the rotation.
    mutating func rotate(to material: KeyMaterialVersion, at date: Date, type: RotationEntry.RotationType) {
        materials[material.id] = material
        currentMaterial = material
        rotations.append(
            RotationEntry(keyId: keyId, keyMaterialId: material.hex, rotationDate: date, rotationType: type))
    }
}
