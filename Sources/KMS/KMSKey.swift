import AccessPolicy
import Foundation

/// A key as the service holds it in memory: metadata, lifecycle, rotation, policy, grants, tags and material.
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
    /// The key policy as stored and returned by GetKeyPolicy.
    private(set) var policy: String
    /// The key policy parsed once, as authorization evaluates it.
    private(set) var policyDocument: PolicyDocument
    var grants = KeyGrants()
    /// In the order they were first set.
    var tags: [KeyTag]
    /// The unsealed material: every symmetric version, or the one key pair or HMAC key.
    var material: KeyMaterial
    /// Rotation history, oldest first.
    var rotations: [RotationEntry]

    init(
        id: UUID, keyId: String, arn: String, creationDate: Date, description: String, keySpec: KeySpec,
        keyUsage: KeyUsage, keyManager: KeyManager, origin: String, lifecycle: KeyLifecycle,
        rotation: RotationSchedule, policy: String, policyDocument: PolicyDocument, tags: [KeyTag],
        material: KeyMaterial, rotations: [RotationEntry]
    ) {
        self.id = id
        self.keyId = keyId
        self.arn = arn
        self.creationDate = creationDate
        self.description = description
        self.keySpec = keySpec
        self.keyUsage = keyUsage
        self.keyManager = keyManager
        self.origin = origin
        self.lifecycle = lifecycle
        self.rotation = rotation
        self.policy = policy
        self.policyDocument = policyDocument
        self.tags = tags
        self.material = material
        self.rotations = rotations
    }

    /// Replaces the key policy: its text and the parsed document together.
    mutating func setPolicy(_ text: String, document: PolicyDocument) {
        policy = text
        policyDocument = document
    }

    /// The `KeyMetadata` DescribeKey returns. `CurrentKeyMaterialId` is empty (AWS omits it) for asymmetric and
    /// HMAC keys, whose material never rotates.
    func metadata(accountId: String) -> KeyMetadata {
        let algorithms = keySpec.algorithms(usage: keyUsage)
        return KeyMetadata(
            accountId: accountId, keyId: keyId, arn: arn, creationDate: creationDate, description: description,
            keyUsage: keyUsage, keyState: lifecycle.keyState, deletionDate: lifecycle.deletionDate,
            pendingDeletionWindowInDays: lifecycle.pendingWindowInDays, origin: origin, keyManager: keyManager,
            keySpec: keySpec, encryptionAlgorithms: algorithms.encryption, signingAlgorithms: algorithms.signing,
            macAlgorithms: algorithms.mac, currentKeyMaterialId: material.currentSymmetric?.hex ?? "")
    }

    /// Whether the key can encrypt and decrypt symmetric ciphertext blobs.
    var isSymmetricEncryptionKey: Bool { keySpec == .symmetricDefault && keyUsage == .encryptDecrypt }

    /// Adds `version` as the current symmetric version, recording the rotation. Only symmetric keys rotate.
    mutating func rotate(to version: KeyMaterialVersion, at date: Date, type: RotationEntry.RotationType) {
        guard case .symmetric(var versions, _) = material else { return }
        versions[version.id] = version
        material = .symmetric(versions: versions, current: version)
        rotations.append(
            RotationEntry(keyId: keyId, keyMaterialId: version.hex, rotationDate: date, rotationType: type))
    }
}
