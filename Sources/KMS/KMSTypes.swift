public import Foundation

/// The key specs of AWS KMS that Coffer knows (`KeySpec`).
public enum KeySpec: String, Sendable, CaseIterable, Codable {
    case symmetricDefault = "SYMMETRIC_DEFAULT"
    case rsa2048 = "RSA_2048"
    case rsa3072 = "RSA_3072"
    case rsa4096 = "RSA_4096"
    case eccNistP256 = "ECC_NIST_P256"
    case eccNistP384 = "ECC_NIST_P384"
    case eccNistP521 = "ECC_NIST_P521"
    case eccSecgP256k1 = "ECC_SECG_P256K1"
    case hmac224 = "HMAC_224"
    case hmac256 = "HMAC_256"
    case hmac384 = "HMAC_384"
    case hmac512 = "HMAC_512"
}

/// What a key may be used for (`KeyUsage`).
public enum KeyUsage: String, Sendable, CaseIterable, Codable {
    case encryptDecrypt = "ENCRYPT_DECRYPT"
    case signVerify = "SIGN_VERIFY"
    case generateVerifyMac = "GENERATE_VERIFY_MAC"
    case keyAgreement = "KEY_AGREEMENT"
}

/// The lifecycle state of a key (`KeyState`).
public enum KeyState: String, Sendable, CaseIterable, Codable {
    case enabled = "Enabled"
    case disabled = "Disabled"
    case pendingDeletion = "PendingDeletion"
}

/// Who manages a key (`KeyManager`): AWS managed keys such as `aws/s3`, or customer managed keys.
public enum KeyManager: String, Sendable, Codable {
    case aws = "AWS"
    case customer = "CUSTOMER"
}

/// The data key sizes GenerateDataKey accepts as `KeySpec`.
public enum DataKeySpec: String, Sendable, CaseIterable {
    case aes256 = "AES_256"
    case aes128 = "AES_128"

    /// The key length in bytes.
    public var byteCount: Int { self == .aes256 ? 32 : 16 }
}

/// A resource tag.
public struct KeyTag: Sendable, Equatable, Codable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// The metadata DescribeKey and CreateKey return (`KeyMetadata`).
public struct KeyMetadata: Sendable, Equatable {
    public var accountId: String
    /// The bare key id (UUID).
    public var keyId: String
    public var arn: String
    public var creationDate: Date
    public var enabled: Bool { keyState == .enabled }
    public var description: String
    public var keyUsage: KeyUsage
    public var keyState: KeyState
    /// Set only while PendingDeletion.
    public var deletionDate: Date?
    /// Set only while PendingDeletion.
    public var pendingDeletionWindowInDays: Int?
    public var origin: String
    public var keyManager: KeyManager
    public var keySpec: KeySpec
    public var encryptionAlgorithms: [String]
    public var signingAlgorithms: [String]
    public var macAlgorithms: [String]
    /// 64 lowercase hex characters; changes on rotation.
    public var currentKeyMaterialId: String

    public init(
        accountId: String, keyId: String, arn: String, creationDate: Date, description: String,
        keyUsage: KeyUsage, keyState: KeyState, deletionDate: Date?, pendingDeletionWindowInDays: Int?,
        origin: String, keyManager: KeyManager, keySpec: KeySpec, encryptionAlgorithms: [String],
        signingAlgorithms: [String], macAlgorithms: [String], currentKeyMaterialId: String
    ) {
        self.accountId = accountId
        self.keyId = keyId
        self.arn = arn
        self.creationDate = creationDate
        self.description = description
        self.keyUsage = keyUsage
        self.keyState = keyState
        self.deletionDate = deletionDate
        self.pendingDeletionWindowInDays = pendingDeletionWindowInDays
        self.origin = origin
        self.keyManager = keyManager
        self.keySpec = keySpec
        self.encryptionAlgorithms = encryptionAlgorithms
        self.signingAlgorithms = signingAlgorithms
        self.macAlgorithms = macAlgorithms
        self.currentKeyMaterialId = currentKeyMaterialId
    }
}

/// One page of a paged listing: `Marker` in, `NextMarker` and `Truncated` out.
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    /// Present only when truncated.
    public var nextMarker: String?
    public var truncated: Bool { nextMarker != nil }
    public init(items: [Element], nextMarker: String?) {
        self.items = items
        self.nextMarker = nextMarker
    }
}

/// An entry of ListKeys.
public struct KeyListEntry: Sendable, Equatable {
    public var keyId: String
    public var keyArn: String
    public init(keyId: String, keyArn: String) {
        self.keyId = keyId
        self.keyArn = keyArn
    }
}

/// An entry of ListAliases.
public struct AliasEntry: Sendable, Equatable {
    public var aliasName: String
    public var aliasArn: String
    /// Nil for a predefined AWS alias whose key does not exist yet.
    public var targetKeyId: String?
    public var creationDate: Date?
    public var lastUpdatedDate: Date?
    public init(aliasName: String, aliasArn: String, targetKeyId: String?, creationDate: Date?, lastUpdatedDate: Date?)
    {
        self.aliasName = aliasName
        self.aliasArn = aliasArn
        self.targetKeyId = targetKeyId
        self.creationDate = creationDate
        self.lastUpdatedDate = lastUpdatedDate
    }
}

/// An entry of ListKeyRotations.
public struct RotationEntry: Sendable, Equatable {
    public enum RotationType: String, Sendable {
        case automatic = "AUTOMATIC"
        case onDemand = "ON_DEMAND"
    }
    public var keyId: String
    public var keyMaterialId: String
    public var rotationDate: Date
    public var rotationType: RotationType
    public init(keyId: String, keyMaterialId: String, rotationDate: Date, rotationType: RotationType) {
        self.keyId = keyId
        self.keyMaterialId = keyMaterialId
        self.rotationDate = rotationDate
        self.rotationType = rotationType
    }
}

/// The answer of GetKeyRotationStatus.
public struct RotationStatus: Sendable, Equatable {
    public var keyId: String
    public var enabled: Bool
    /// Present when enabled.
    public var rotationPeriodInDays: Int?
    /// Present when enabled.
    public var nextRotationDate: Date?
    public init(keyId: String, enabled: Bool, rotationPeriodInDays: Int?, nextRotationDate: Date?) {
        self.keyId = keyId
        self.enabled = enabled
        self.rotationPeriodInDays = rotationPeriodInDays
        self.nextRotationDate = nextRotationDate
    }
}
