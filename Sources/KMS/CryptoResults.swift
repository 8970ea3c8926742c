public import Crypto

/// The output of Encrypt and GenerateDataKeyWithoutPlaintext.
public struct EncryptResult: Sendable {
    public var ciphertextBlob: [UInt8]
    /// The key ARN.
    public var keyArn: String
    public var encryptionAlgorithm: String
    public var keyMaterialId: String
    public init(ciphertextBlob: [UInt8], keyArn: String, encryptionAlgorithm: String, keyMaterialId: String) {
        self.ciphertextBlob = ciphertextBlob
        self.keyArn = keyArn
        self.encryptionAlgorithm = encryptionAlgorithm
        self.keyMaterialId = keyMaterialId
    }
}

/// The output of Decrypt. The plaintext is held as a `SymmetricKey` so it is never printable or Codable.
public struct DecryptResult: Sendable {
    public var plaintext: SymmetricKey
    public var keyArn: String
    public var encryptionAlgorithm: String
    public var keyMaterialId: String
    public init(plaintext: SymmetricKey, keyArn: String, encryptionAlgorithm: String, keyMaterialId: String) {
        self.plaintext = plaintext
        self.keyArn = keyArn
        self.encryptionAlgorithm = encryptionAlgorithm
        self.keyMaterialId = keyMaterialId
    }
}

/// The output of GenerateDataKey.
public struct GeneratedDataKey: Sendable {
    public var plaintext: SymmetricKey
    public var ciphertextBlob: [UInt8]
    public var keyArn: String
    public var keyMaterialId: String
    public init(plaintext: SymmetricKey, ciphertextBlob: [UInt8], keyArn: String, keyMaterialId: String) {
        self.plaintext = plaintext
        self.ciphertextBlob = ciphertextBlob
        self.keyArn = keyArn
        self.keyMaterialId = keyMaterialId
    }
}

/// The output of ReEncrypt.
public struct ReEncryptResult: Sendable {
    public var ciphertextBlob: [UInt8]
    /// The source key ARN.
    public var sourceKeyArn: String
    /// The destination key ARN.
    public var keyArn: String
    public var sourceEncryptionAlgorithm: String
    public var destinationEncryptionAlgorithm: String
    public var sourceKeyMaterialId: String
    public var destinationKeyMaterialId: String
    public init(
        ciphertextBlob: [UInt8], sourceKeyArn: String, keyArn: String, sourceEncryptionAlgorithm: String,
        destinationEncryptionAlgorithm: String, sourceKeyMaterialId: String, destinationKeyMaterialId: String
    ) {
        self.ciphertextBlob = ciphertextBlob
        self.sourceKeyArn = sourceKeyArn
        self.keyArn = keyArn
        self.sourceEncryptionAlgorithm = sourceEncryptionAlgorithm
        self.destinationEncryptionAlgorithm = destinationEncryptionAlgorithm
        self.sourceKeyMaterialId = sourceKeyMaterialId
        self.destinationKeyMaterialId = destinationKeyMaterialId
    }
}
