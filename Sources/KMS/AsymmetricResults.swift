public import Crypto

/// The output of GetPublicKey.
public struct PublicKeyResult: Sendable {
    /// The key ARN.
    public var keyArn: String
    /// DER SubjectPublicKeyInfo (RFC 5280).
    public var publicKey: [UInt8]
    public var keySpec: KeySpec
    public var keyUsage: KeyUsage
    /// Present for ENCRYPT_DECRYPT keys.
    public var encryptionAlgorithms: [String]
    /// Present for SIGN_VERIFY keys.
    public var signingAlgorithms: [String]
    public init(
        keyArn: String, publicKey: [UInt8], keySpec: KeySpec, keyUsage: KeyUsage, encryptionAlgorithms: [String],
        signingAlgorithms: [String]
    ) {
        self.keyArn = keyArn
        self.publicKey = publicKey
        self.keySpec = keySpec
        self.keyUsage = keyUsage
        self.encryptionAlgorithms = encryptionAlgorithms
        self.signingAlgorithms = signingAlgorithms
    }
}

/// The output of Sign, and of a successful Verify (whose signature is empty).
public struct SignResult: Sendable {
    /// The key ARN.
    public var keyArn: String
    /// DER `SEQUENCE { r, s }` for ECDSA; the PKCS#1 signature for RSA. Empty for Verify.
    public var signature: [UInt8]
    public var signingAlgorithm: String
    public init(keyArn: String, signature: [UInt8], signingAlgorithm: String) {
        self.keyArn = keyArn
        self.signature = signature
        self.signingAlgorithm = signingAlgorithm
    }
}

/// The output of GenerateMac, and of a successful VerifyMac (whose MAC is empty).
public struct MacResult: Sendable {
    /// The key ARN.
    public var keyArn: String
    /// The MAC; empty for VerifyMac.
    public var mac: [UInt8]
    public var macAlgorithm: String
    public init(keyArn: String, mac: [UInt8], macAlgorithm: String) {
        self.keyArn = keyArn
        self.mac = mac
        self.macAlgorithm = macAlgorithm
    }
}

/// The output of GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext.
public struct DataKeyPairResult: Sendable {
    /// The private key as PKCS#8 DER, in secure bytes; nil for GenerateDataKeyPairWithoutPlaintext.
    public var privateKeyPlaintext: SymmetricKey?
    /// The PKCS#8 private key encrypted under the symmetric KMS key: a ciphertext blob plain Decrypt opens.
    public var privateKeyCiphertextBlob: [UInt8]
    /// DER SubjectPublicKeyInfo.
    public var publicKey: [UInt8]
    /// The ARN of the symmetric key that encrypted the private key.
    public var keyArn: String
    public var keyPairSpec: DataKeyPairSpec
    public var keyMaterialId: String
    public init(
        privateKeyPlaintext: SymmetricKey?, privateKeyCiphertextBlob: [UInt8], publicKey: [UInt8], keyArn: String,
        keyPairSpec: DataKeyPairSpec, keyMaterialId: String
    ) {
        self.privateKeyPlaintext = privateKeyPlaintext
        self.privateKeyCiphertextBlob = privateKeyCiphertextBlob
        self.publicKey = publicKey
        self.keyArn = keyArn
        self.keyPairSpec = keyPairSpec
        self.keyMaterialId = keyMaterialId
    }
}
