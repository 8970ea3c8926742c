/// The AWS KMS operations the key service serves, named exactly as in `X-Amz-Target: TrentService.<Name>`.
///
/// The raw value labels the `coffer_kms_requests_total` counter; `stateRule` says what each key state allows.
enum KMSOperation: String, CaseIterable, Sendable {
    case createKey = "CreateKey"
    case describeKey = "DescribeKey"
    case listKeys = "ListKeys"
    case updateKeyDescription = "UpdateKeyDescription"
    case enableKey = "EnableKey"
    case disableKey = "DisableKey"
    case scheduleKeyDeletion = "ScheduleKeyDeletion"
    case cancelKeyDeletion = "CancelKeyDeletion"
    case createAlias = "CreateAlias"
    case updateAlias = "UpdateAlias"
    case deleteAlias = "DeleteAlias"
    case listAliases = "ListAliases"
    case encrypt = "Encrypt"
    case decrypt = "Decrypt"
    case reEncrypt = "ReEncrypt"
    case generateDataKey = "GenerateDataKey"
    case generateDataKeyWithoutPlaintext = "GenerateDataKeyWithoutPlaintext"
    case generateRandom = "GenerateRandom"
    case enableKeyRotation = "EnableKeyRotation"
    case disableKeyRotation = "DisableKeyRotation"
    case getKeyRotationStatus = "GetKeyRotationStatus"
    case rotateKeyOnDemand = "RotateKeyOnDemand"
    case listKeyRotations = "ListKeyRotations"
    case getKeyPolicy = "GetKeyPolicy"
    case putKeyPolicy = "PutKeyPolicy"
    case listKeyPolicies = "ListKeyPolicies"
    case tagResource = "TagResource"
    case untagResource = "UntagResource"
    case listResourceTags = "ListResourceTags"
    case getPublicKey = "GetPublicKey"
    case sign = "Sign"
    case verify = "Verify"
    case generateDataKeyPair = "GenerateDataKeyPair"
    case generateDataKeyPairWithoutPlaintext = "GenerateDataKeyPairWithoutPlaintext"
    case generateMac = "GenerateMac"
    case verifyMac = "VerifyMac"
    case createGrant = "CreateGrant"
    case listGrants = "ListGrants"
    case retireGrant = "RetireGrant"
    case revokeGrant = "RevokeGrant"

    /// How the key-state table of the reference (§1.4) treats this operation.
    enum StateRule: Sendable {
        /// Enabled only: Disabled → DisabledException, PendingDeletion → KMSInvalidStateException.
        case enabledOnly
        /// Enabled or Disabled: PendingDeletion → KMSInvalidStateException.
        case notPendingDeletion
        /// PendingDeletion only: otherwise KMSInvalidStateException `… is not pending deletion.`
        case pendingDeletionOnly
        /// Every state.
        case anyState
    }

    /// The row of the key-state table this operation follows.
    var stateRule: StateRule {
        switch self {
        case .encrypt, .decrypt, .reEncrypt, .generateDataKey, .generateDataKeyWithoutPlaintext,
            .enableKeyRotation, .disableKeyRotation, .rotateKeyOnDemand, .getPublicKey, .sign, .verify,
            .generateDataKeyPair, .generateDataKeyPairWithoutPlaintext, .generateMac, .verifyMac:
            .enabledOnly
        case .enableKey, .disableKey, .scheduleKeyDeletion, .createAlias, .updateAlias, .tagResource,
            .untagResource, .updateKeyDescription, .createGrant:
            .notPendingDeletion
        case .cancelKeyDeletion:
            .pendingDeletionOnly
        case .createKey, .describeKey, .listKeys, .deleteAlias, .listAliases, .generateRandom,
            .getKeyRotationStatus, .listKeyRotations, .getKeyPolicy, .putKeyPolicy, .listKeyPolicies,
            .listResourceTags, .listGrants, .retireGrant, .revokeGrant:
            .anyState
        }
    }
}
