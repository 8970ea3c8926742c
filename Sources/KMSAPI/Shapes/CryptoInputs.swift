import KMS

/// Encrypt's input.
struct EncryptInput: KMSInput {
    var keyId: String?
    var plaintext: Blob?
    var encryptionContext: [String: String]?
    var grantTokens: [String]?
    var encryptionAlgorithm: String?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case plaintext = "Plaintext"
        case encryptionContext = "EncryptionContext"
        case grantTokens = "GrantTokens"
        case encryptionAlgorithm = "EncryptionAlgorithm"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.length(plaintext, "plaintext", 1...4096, required: true)
        validator.grantTokens(grantTokens)
        validator.encryptionAlgorithm(encryptionAlgorithm)
    }
}

/// Decrypt's input; the key is read from the ciphertext, so `KeyId` is optional for symmetric keys.
struct DecryptInput: KMSInput {
    var ciphertextBlob: Blob?
    var encryptionContext: [String: String]?
    var grantTokens: [String]?
    var keyId: String?
    var encryptionAlgorithm: String?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case ciphertextBlob = "CiphertextBlob"
        case encryptionContext = "EncryptionContext"
        case grantTokens = "GrantTokens"
        case keyId = "KeyId"
        case encryptionAlgorithm = "EncryptionAlgorithm"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.length(ciphertextBlob, "ciphertextBlob", 1...6144, required: true)
        validator.grantTokens(grantTokens)
        validator.keyId(keyId, required: false)
        validator.encryptionAlgorithm(encryptionAlgorithm)
    }
}

/// ReEncrypt's input.
struct ReEncryptInput: KMSInput {
    var ciphertextBlob: Blob?
    var sourceEncryptionContext: [String: String]?
    var sourceKeyId: String?
    var destinationKeyId: String?
    var destinationEncryptionContext: [String: String]?
    var sourceEncryptionAlgorithm: String?
    var destinationEncryptionAlgorithm: String?
    var grantTokens: [String]?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case ciphertextBlob = "CiphertextBlob"
        case sourceEncryptionContext = "SourceEncryptionContext"
        case sourceKeyId = "SourceKeyId"
        case destinationKeyId = "DestinationKeyId"
        case destinationEncryptionContext = "DestinationEncryptionContext"
        case sourceEncryptionAlgorithm = "SourceEncryptionAlgorithm"
        case destinationEncryptionAlgorithm = "DestinationEncryptionAlgorithm"
        case grantTokens = "GrantTokens"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.length(ciphertextBlob, "ciphertextBlob", 1...6144, required: true)
        validator.keyId(sourceKeyId, "sourceKeyId", required: false)
        validator.keyId(destinationKeyId, "destinationKeyId")
        validator.encryptionAlgorithm(sourceEncryptionAlgorithm, "sourceEncryptionAlgorithm")
        validator.encryptionAlgorithm(destinationEncryptionAlgorithm, "destinationEncryptionAlgorithm")
        validator.grantTokens(grantTokens)
    }

    /// The domain request.
    var request: ReEncryptRequest {
        ReEncryptRequest(
            ciphertextBlob: ciphertextBlob?.bytes ?? [], sourceEncryptionContext: sourceEncryptionContext ?? [:],
            sourceKeyId: sourceKeyId, destinationKeyId: destinationKeyId ?? "",
            destinationEncryptionContext: destinationEncryptionContext ?? [:],
            sourceEncryptionAlgorithm: sourceEncryptionAlgorithm,
            destinationEncryptionAlgorithm: destinationEncryptionAlgorithm
        )
    }
}

/// GenerateDataKey's and GenerateDataKeyWithoutPlaintext's input.
struct GenerateDataKeyInput: KMSInput {
    var keyId: String?
    var encryptionContext: [String: String]?
    var numberOfBytes: Int?
    var keySpec: String?
    var grantTokens: [String]?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case encryptionContext = "EncryptionContext"
        case numberOfBytes = "NumberOfBytes"
        case keySpec = "KeySpec"
        case grantTokens = "GrantTokens"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.value(numberOfBytes, "numberOfBytes", 1...1024)
        validator.oneOf(keySpec, "keySpec", KMSEnums.dataKeySpec)
        validator.grantTokens(grantTokens)
    }

    /// The data key spec, once validated.
    var dataKeySpec: DataKeySpec? { keySpec.flatMap(DataKeySpec.init(rawValue:)) }
}

/// GenerateRandom's input.
struct GenerateRandomInput: KMSInput {
    var numberOfBytes: Int?
    var customKeyStoreId: String?

    enum CodingKeys: String, CodingKey {
        case numberOfBytes = "NumberOfBytes"
        case customKeyStoreId = "CustomKeyStoreId"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.value(numberOfBytes, "numberOfBytes", 1...1024)
    }
}
