/// The signing algorithms of asymmetric keys (`SigningAlgorithmSpec`) that Coffer implements.
public enum SigningAlgorithm: String, Sendable, CaseIterable {
    case rsassaPssSha256 = "RSASSA_PSS_SHA_256"
    case rsassaPssSha384 = "RSASSA_PSS_SHA_384"
    case rsassaPssSha512 = "RSASSA_PSS_SHA_512"
    case rsassaPkcs1V15Sha256 = "RSASSA_PKCS1_V1_5_SHA_256"
    case rsassaPkcs1V15Sha384 = "RSASSA_PKCS1_V1_5_SHA_384"
    case rsassaPkcs1V15Sha512 = "RSASSA_PKCS1_V1_5_SHA_512"
    case ecdsaSha256 = "ECDSA_SHA_256"
    case ecdsaSha384 = "ECDSA_SHA_384"
    case ecdsaSha512 = "ECDSA_SHA_512"

    /// The hash the algorithm signs, which is also the length a `DIGEST` message must have.
    var hash: SignatureHash {
        switch self {
        case .rsassaPssSha256, .rsassaPkcs1V15Sha256, .ecdsaSha256: .sha256
        case .rsassaPssSha384, .rsassaPkcs1V15Sha384, .ecdsaSha384: .sha384
        case .rsassaPssSha512, .rsassaPkcs1V15Sha512, .ecdsaSha512: .sha512
        }
    }
}

/// The hash functions of the signing algorithms.
enum SignatureHash: Sendable {
    case sha256, sha384, sha512

    /// The digest length in bytes.
    var byteCount: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }
}

/// How Sign and Verify read `Message` (`MessageType`).
public enum MessageType: String, Sendable, CaseIterable {
    /// The message itself (at most 4096 bytes): the key service hashes it.
    case raw = "RAW"
    /// A digest the caller computed, exactly as long as the algorithm's hash.
    case digest = "DIGEST"
}

/// The MAC algorithms of HMAC keys (`MacAlgorithmSpec`).
public enum MacAlgorithm: String, Sendable, CaseIterable {
    case hmacSha224 = "HMAC_SHA_224"
    case hmacSha256 = "HMAC_SHA_256"
    case hmacSha384 = "HMAC_SHA_384"
    case hmacSha512 = "HMAC_SHA_512"
}

/// The key pair specs of GenerateDataKeyPair (`DataKeyPairSpec`) that Coffer implements.
public enum DataKeyPairSpec: String, Sendable, CaseIterable {
    case rsa2048 = "RSA_2048"
    case rsa3072 = "RSA_3072"
    case rsa4096 = "RSA_4096"
    case eccNistP256 = "ECC_NIST_P256"
    case eccNistP384 = "ECC_NIST_P384"
    case eccNistP521 = "ECC_NIST_P521"
    case eccSecgP256k1 = "ECC_SECG_P256K1"

    /// The key spec of a KMS key with the same kind of key pair.
    var keySpec: KeySpec {
        switch self {
        case .rsa2048: .rsa2048
        case .rsa3072: .rsa3072
        case .rsa4096: .rsa4096
        case .eccNistP256: .eccNistP256
        case .eccNistP384: .eccNistP384
        case .eccNistP521: .eccNistP521
        case .eccSecgP256k1: .eccSecgP256k1
        }
    }
}

/// The RSA encryption algorithms (`EncryptionAlgorithmSpec` other than `SYMMETRIC_DEFAULT`).
enum RSAEncryptionAlgorithm: String, Sendable, CaseIterable {
    case oaepSha1 = "RSAES_OAEP_SHA_1"
    case oaepSha256 = "RSAES_OAEP_SHA_256"

    /// The largest plaintext for a modulus of `modulusBytes`: `k - 2·hLen - 2` (RFC 8017 §7.1.1), which gives
    /// AWS's published limits (RSA_2048: 214 and 190 bytes).
    func maximumPlaintext(modulusBytes: Int) -> Int {
        modulusBytes - 2 * (self == .oaepSha1 ? 20 : 32) - 2
    }
}

extension KeySpec {
    /// The RSA specs.
    var isRSA: Bool { self == .rsa2048 || self == .rsa3072 || self == .rsa4096 }

    /// The HMAC specs.
    var isHMAC: Bool { self == .hmac224 || self == .hmac256 || self == .hmac384 || self == .hmac512 }

    /// The elliptic-curve specs.
    var isECC: Bool {
        self == .eccNistP256 || self == .eccNistP384 || self == .eccNistP521 || self == .eccSecgP256k1
    }

    /// The signing algorithms a SIGN_VERIFY key of this spec allows, in the order AWS lists them.
    var signingAlgorithms: [SigningAlgorithm] {
        switch self {
        case .rsa2048, .rsa3072, .rsa4096:
            [
                .rsassaPkcs1V15Sha256, .rsassaPkcs1V15Sha384, .rsassaPkcs1V15Sha512, .rsassaPssSha256,
                .rsassaPssSha384, .rsassaPssSha512,
            ]
        case .eccNistP256, .eccSecgP256k1: [.ecdsaSha256]
        case .eccNistP384: [.ecdsaSha384]
        case .eccNistP521: [.ecdsaSha512]
        case .symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512: []
        }
    }

    /// The one MAC algorithm an HMAC key of this spec allows.
    var macAlgorithm: MacAlgorithm? {
        switch self {
        case .hmac224: .hmacSha224
        case .hmac256: .hmacSha256
        case .hmac384: .hmacSha384
        case .hmac512: .hmacSha512
        default: nil
        }
    }

    /// The length of an HMAC key of this spec, in bytes (AWS: the key is as long as the spec says).
    var hmacKeyByteCount: Int? {
        switch self {
        case .hmac224: 28
        case .hmac256: 32
        case .hmac384: 48
        case .hmac512: 64
        default: nil
        }
    }

    /// The `KeyMetadata` algorithm lists of a key of this spec and usage: encryption, signing and MAC.
    func algorithms(usage: KeyUsage) -> (encryption: [String], signing: [String], mac: [String]) {
        switch (self, usage) {
        case (.symmetricDefault, _): (["SYMMETRIC_DEFAULT"], [], [])
        case (_, .encryptDecrypt) where isRSA: (RSAEncryptionAlgorithm.allCases.map(\.rawValue), [], [])
        case (_, .signVerify): ([], signingAlgorithms.map(\.rawValue), [])
        case (_, .generateVerifyMac): ([], [], macAlgorithm.map { [$0.rawValue] } ?? [])
        default: ([], [], [])
        }
    }
}
