import KMS

/// The model's enum value sets of the asymmetric and HMAC operations, in the model's order.
extension KMSEnums {
    static let signingAlgorithm = [
        "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256",
        "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512", "ECDSA_SHA_256", "ECDSA_SHA_384", "ECDSA_SHA_512",
        "SM2DSA", "ML_DSA_SHAKE_256", "ED25519_SHA_512", "ED25519_PH_SHA_512",
    ]
    static let messageType = ["RAW", "DIGEST", "EXTERNAL_MU"]
    static let macAlgorithm = ["HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"]
    static let dataKeyPairSpec = [
        "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2",
        "ECC_NIST_EDWARDS25519",
    ]
}

/// Sign's and Verify's input (Verify adds `Signature`).
struct SignInput: KMSInput {
    var keyId: String?
    var message: Blob?
    var messageType: String?
    var signature: Blob?
    var signingAlgorithm: String?
    var grantTokens: [String]?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case message = "Message"
        case messageType = "MessageType"
        case signature = "Signature"
        case signingAlgorithm = "SigningAlgorithm"
        case grantTokens = "GrantTokens"
        case dryRun = "DryRun"
    }

    /// Whether `Signature` is required (Verify).
    var verifying = false

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.length(message, "message", 1...4096, required: true)
        validator.oneOf(messageType, "messageType", KMSEnums.messageType)
        if verifying { validator.length(signature, "signature", 1...6144, required: true) }
        validator.required(signingAlgorithm, "signingAlgorithm")
        validator.oneOf(signingAlgorithm, "signingAlgorithm", KMSEnums.signingAlgorithm)
        validator.grantTokens(grantTokens)
    }
}

/// GenerateMac's and VerifyMac's input (VerifyMac adds `Mac`).
struct MacInput: KMSInput {
    var keyId: String?
    var message: Blob?
    var macAlgorithm: String?
    var mac: Blob?
    var grantTokens: [String]?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case message = "Message"
        case macAlgorithm = "MacAlgorithm"
        case mac = "Mac"
        case grantTokens = "GrantTokens"
        case dryRun = "DryRun"
    }

    /// Whether `Mac` is required (VerifyMac).
    var verifying = false

    func validate(_ validator: inout ShapeValidator) {
        validator.length(message, "message", 1...4096, required: true)
        validator.keyId(keyId)
        validator.required(macAlgorithm, "macAlgorithm")
        validator.oneOf(macAlgorithm, "macAlgorithm", KMSEnums.macAlgorithm)
        if verifying { validator.length(mac, "mac", 1...6144, required: true) }
        validator.grantTokens(grantTokens)
    }
}

/// GenerateDataKeyPair's and GenerateDataKeyPairWithoutPlaintext's input.
struct GenerateDataKeyPairInput: KMSInput {
    var keyId: String?
    var keyPairSpec: String?
    var encryptionContext: [String: String]?
    var grantTokens: [String]?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case keyPairSpec = "KeyPairSpec"
        case encryptionContext = "EncryptionContext"
        case grantTokens = "GrantTokens"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.required(keyPairSpec, "keyPairSpec")
        validator.oneOf(keyPairSpec, "keyPairSpec", KMSEnums.dataKeyPairSpec)
        validator.grantTokens(grantTokens)
    }

    /// The key pair spec; the model's SM2 and ECC_NIST_EDWARDS25519 are not offered by Coffer.
    func spec() throws(KMSWireError) -> DataKeyPairSpec {
        guard let spec = keyPairSpec.flatMap(DataKeyPairSpec.init(rawValue:)) else {
            throw KMSWireError(
                type: "UnsupportedOperationException", message: "KeyPairSpec \(keyPairSpec ?? "") is not supported.")
        }
        return spec
    }
}

/// GetPublicKey's output.
struct GetPublicKeyOutput: Encodable {
    var keyId: String
    var publicKey: String
    var customerMasterKeySpec: String
    var keySpec: String
    var keyUsage: String
    var encryptionAlgorithms: [String]?
    var signingAlgorithms: [String]?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case publicKey = "PublicKey"
        case customerMasterKeySpec = "CustomerMasterKeySpec"
        case keySpec = "KeySpec"
        case keyUsage = "KeyUsage"
        case encryptionAlgorithms = "EncryptionAlgorithms"
        case signingAlgorithms = "SigningAlgorithms"
    }

    init(_ result: PublicKeyResult) {
        self.keyId = result.keyArn
        self.publicKey = KMSWire.base64(result.publicKey)
        self.customerMasterKeySpec = result.keySpec.rawValue
        self.keySpec = result.keySpec.rawValue
        self.keyUsage = result.keyUsage.rawValue
        self.encryptionAlgorithms = result.encryptionAlgorithms.isEmpty ? nil : result.encryptionAlgorithms
        self.signingAlgorithms = result.signingAlgorithms.isEmpty ? nil : result.signingAlgorithms
    }
}

/// Sign's output.
struct SignOutput: Encodable {
    var keyId: String
    var signature: String
    var signingAlgorithm: String

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case signature = "Signature"
        case signingAlgorithm = "SigningAlgorithm"
    }

    init(_ result: SignResult) {
        self.keyId = result.keyArn
        self.signature = KMSWire.base64(result.signature)
        self.signingAlgorithm = result.signingAlgorithm
    }
}

/// Verify's output: only ever sent for a valid signature.
struct VerifyOutput: Encodable {
    var keyId: String
    var signatureValid = true
    var signingAlgorithm: String

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case signatureValid = "SignatureValid"
        case signingAlgorithm = "SigningAlgorithm"
    }

    init(_ result: SignResult) {
        self.keyId = result.keyArn
        self.signingAlgorithm = result.signingAlgorithm
    }
}

/// GenerateMac's output.
struct GenerateMacOutput: Encodable {
    var mac: String
    var macAlgorithm: String
    var keyId: String

    enum CodingKeys: String, CodingKey {
        case mac = "Mac"
        case macAlgorithm = "MacAlgorithm"
        case keyId = "KeyId"
    }

    init(_ result: MacResult) {
        self.mac = KMSWire.base64(result.mac)
        self.macAlgorithm = result.macAlgorithm
        self.keyId = result.keyArn
    }
}

/// VerifyMac's output: only ever sent for a valid MAC.
struct VerifyMacOutput: Encodable {
    var keyId: String
    var macValid = true
    var macAlgorithm: String

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case macValid = "MacValid"
        case macAlgorithm = "MacAlgorithm"
    }

    init(_ result: MacResult) {
        self.keyId = result.keyArn
        self.macAlgorithm = result.macAlgorithm
    }
}

/// GenerateDataKeyPair's output; `PrivateKeyPlaintext` is absent for GenerateDataKeyPairWithoutPlaintext.
struct GenerateDataKeyPairOutput: Encodable {
    var privateKeyCiphertextBlob: String
    var privateKeyPlaintext: String?
    var publicKey: String
    var keyId: String
    var keyPairSpec: String
    var keyMaterialId: String

    enum CodingKeys: String, CodingKey {
        case privateKeyCiphertextBlob = "PrivateKeyCiphertextBlob"
        case privateKeyPlaintext = "PrivateKeyPlaintext"
        case publicKey = "PublicKey"
        case keyId = "KeyId"
        case keyPairSpec = "KeyPairSpec"
        case keyMaterialId = "KeyMaterialId"
    }

    init(_ result: DataKeyPairResult) {
        self.privateKeyCiphertextBlob = KMSWire.base64(result.privateKeyCiphertextBlob)
        self.privateKeyPlaintext = result.privateKeyPlaintext.map { KMSWire.base64($0) }
        self.publicKey = KMSWire.base64(result.publicKey)
        self.keyId = result.keyArn
        self.keyPairSpec = result.keyPairSpec.rawValue
        self.keyMaterialId = result.keyMaterialId
    }
}
