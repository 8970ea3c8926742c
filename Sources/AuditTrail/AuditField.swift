/// The names an audit event may carry in `requestParameters`, `responseElements` and `additionalEventData`.
///
/// A whitelist, in CloudTrail's lowerCamelCase spelling: names that carry secrets or blobs (`plaintext`,
/// `ciphertextBlob`, `message`, `signature`, `mac`, `privateKeyPlaintext`, `publicKey`, `grantTokens`,
/// `importToken`, `encryptedKeyMaterial`, ...) are not cases, so no API of this module can write them.
/// Add a case only for a value that is neither secret nor binary.
public enum AuditField: String, Sendable, Hashable, CaseIterable, CodingKey {
    // Keys and aliases
    case keyId
    case sourceKeyId
    case destinationKeyId
    case targetKeyId
    case aliasName
    case keyMaterialId
    case backingKeyId
    // Cryptographic parameters
    case encryptionContext
    case sourceEncryptionContext
    case destinationEncryptionContext
    case keySpec
    case keyPairSpec
    case numberOfBytes
    case encryptionAlgorithm
    case sourceEncryptionAlgorithm
    case destinationEncryptionAlgorithm
    case signingAlgorithm
    case macAlgorithm
    case messageType
    case keyAgreementAlgorithm
    case dryRun
    // Key management
    case keyUsage
    case customerMasterKeySpec
    case origin
    case multiRegion
    case description
    case keyMetadata
    case keyState
    case deletionDate
    case pendingWindowInDays
    case rotationPeriodInDays
    case keyRotationEnabled
    case onDemand
    case policyName
    case bypassPolicyLockoutSafetyCheck
    case tags
    case tagKeys
    // Grants
    case grantId
    case granteePrincipal
    case retiringPrincipal
    case operations
    case constraints
    case name
    // Paging
    case limit
    case marker

    /// The field for a wire member name: `KeyId` (KMS JSON, UpperCamelCase) or `keyId` (CloudTrail); nil when
    /// the name is not allowed in the trail.
    public init?(memberName: String) {
        guard let first = memberName.first else { return nil }
        self.init(rawValue: first.lowercased() + memberName.dropFirst())
    }
}
