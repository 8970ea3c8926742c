import KMS

/// Encrypt's output.
struct EncryptOutput: FlatStringOutput {
    var ciphertextBlob: String
    var keyId: String
    var encryptionAlgorithm: String

    enum CodingKeys: String, CodingKey {
        case ciphertextBlob = "CiphertextBlob"
        case keyId = "KeyId"
        case encryptionAlgorithm = "EncryptionAlgorithm"
    }

    var jsonMembers: KeyValuePairs<String, String?> {
        ["CiphertextBlob": ciphertextBlob, "KeyId": keyId, "EncryptionAlgorithm": encryptionAlgorithm]
    }

    init(_ result: EncryptResult) {
        self.ciphertextBlob = KMSWire.base64(result.ciphertextBlob)
        self.keyId = result.keyArn
        self.encryptionAlgorithm = result.encryptionAlgorithm
    }
}

/// Decrypt's output; `KeyMaterialId` only for symmetric ciphertext (RSA ciphertext has no material version).
struct DecryptOutput: FlatStringOutput {
    var keyId: String
    var plaintext: String
    var encryptionAlgorithm: String
    var keyMaterialId: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case plaintext = "Plaintext"
        case encryptionAlgorithm = "EncryptionAlgorithm"
        case keyMaterialId = "KeyMaterialId"
    }

    var jsonMembers: KeyValuePairs<String, String?> {
        [
            "KeyId": keyId, "Plaintext": plaintext, "EncryptionAlgorithm": encryptionAlgorithm,
            "KeyMaterialId": keyMaterialId,
        ]
    }

    init(_ result: DecryptResult) {
        self.keyId = result.keyArn
        self.plaintext = KMSWire.base64(result.plaintext)
        self.encryptionAlgorithm = result.encryptionAlgorithm
        self.keyMaterialId = result.keyMaterialId.isEmpty ? nil : result.keyMaterialId
    }
}

/// ReEncrypt's output.
struct ReEncryptOutput: FlatStringOutput {
    var ciphertextBlob: String
    var sourceKeyId: String
    var keyId: String
    var sourceEncryptionAlgorithm: String
    var destinationEncryptionAlgorithm: String
    /// Absent for an RSA side, which has no material version.
    var sourceKeyMaterialId: String?
    var destinationKeyMaterialId: String?

    enum CodingKeys: String, CodingKey {
        case ciphertextBlob = "CiphertextBlob"
        case sourceKeyId = "SourceKeyId"
        case keyId = "KeyId"
        case sourceEncryptionAlgorithm = "SourceEncryptionAlgorithm"
        case destinationEncryptionAlgorithm = "DestinationEncryptionAlgorithm"
        case sourceKeyMaterialId = "SourceKeyMaterialId"
        case destinationKeyMaterialId = "DestinationKeyMaterialId"
    }

    var jsonMembers: KeyValuePairs<String, String?> {
        [
            "CiphertextBlob": ciphertextBlob, "SourceKeyId": sourceKeyId, "KeyId": keyId,
            "SourceEncryptionAlgorithm": sourceEncryptionAlgorithm,
            "DestinationEncryptionAlgorithm": destinationEncryptionAlgorithm,
            "SourceKeyMaterialId": sourceKeyMaterialId, "DestinationKeyMaterialId": destinationKeyMaterialId,
        ]
    }

    init(_ result: ReEncryptResult) {
        self.ciphertextBlob = KMSWire.base64(result.ciphertextBlob)
        self.sourceKeyId = result.sourceKeyArn
        self.keyId = result.keyArn
        self.sourceEncryptionAlgorithm = result.sourceEncryptionAlgorithm
        self.destinationEncryptionAlgorithm = result.destinationEncryptionAlgorithm
        self.sourceKeyMaterialId = result.sourceKeyMaterialId.isEmpty ? nil : result.sourceKeyMaterialId
        self.destinationKeyMaterialId =
            result.destinationKeyMaterialId.isEmpty ? nil : result.destinationKeyMaterialId
    }
}

/// GenerateDataKey's output.
struct GenerateDataKeyOutput: FlatStringOutput {
    var ciphertextBlob: String
    var plaintext: String
    var keyId: String
    var keyMaterialId: String

    enum CodingKeys: String, CodingKey {
        case ciphertextBlob = "CiphertextBlob"
        case plaintext = "Plaintext"
        case keyId = "KeyId"
        case keyMaterialId = "KeyMaterialId"
    }

    var jsonMembers: KeyValuePairs<String, String?> {
        [
            "CiphertextBlob": ciphertextBlob, "Plaintext": plaintext, "KeyId": keyId, "KeyMaterialId": keyMaterialId,
        ]
    }

    init(_ result: GeneratedDataKey) {
        self.ciphertextBlob = KMSWire.base64(result.ciphertextBlob)
        self.plaintext = KMSWire.base64(result.plaintext)
        self.keyId = result.keyArn
        self.keyMaterialId = result.keyMaterialId
    }
}

/// GenerateDataKeyWithoutPlaintext's output.
struct GenerateDataKeyWithoutPlaintextOutput: FlatStringOutput {
    var ciphertextBlob: String
    var keyId: String
    var keyMaterialId: String

    enum CodingKeys: String, CodingKey {
        case ciphertextBlob = "CiphertextBlob"
        case keyId = "KeyId"
        case keyMaterialId = "KeyMaterialId"
    }

    var jsonMembers: KeyValuePairs<String, String?> {
        ["CiphertextBlob": ciphertextBlob, "KeyId": keyId, "KeyMaterialId": keyMaterialId]
    }

    init(_ result: EncryptResult) {
        self.ciphertextBlob = KMSWire.base64(result.ciphertextBlob)
        self.keyId = result.keyArn
        self.keyMaterialId = result.keyMaterialId
    }
}

/// GenerateRandom's output.
struct GenerateRandomOutput: FlatStringOutput {
    var plaintext: String

    enum CodingKeys: String, CodingKey { case plaintext = "Plaintext" }

    var jsonMembers: KeyValuePairs<String, String?> { ["Plaintext": plaintext] }
}
