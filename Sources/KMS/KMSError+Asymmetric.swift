/// AWS's messages for asymmetric and HMAC keys (reference §1.2 and §1.5).
extension KMSError {
    /// `Algorithm <algorithm> is incompatible with key spec <spec>.` (InvalidKeyUsageException).
    static func incompatibleAlgorithm(_ algorithm: String, spec: KeySpec) -> KMSError {
        .init(.invalidKeyUsage, "Algorithm \(algorithm) is incompatible with key spec \(spec.rawValue).")
    }

    /// `<arn> key KeySpec is <spec> which is not valid for <operation>.` (InvalidKeyUsageException): the usage
    /// fits, the kind of key does not (an RSA key for GenerateDataKey, say).
    static func invalidKeySpec(arn: String, spec: KeySpec, operation: KMSOperation) -> KMSError {
        .init(.invalidKeyUsage, "\(arn) key KeySpec is \(spec.rawValue) which is not valid for \(operation.rawValue).")
    }

    /// An encryption context given with an RSA key.
    static let encryptionContextNotSupported = KMSError.validation(
        "EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.")

    /// `Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.`
    static func plaintextTooLarge(_ algorithm: String, spec: KeySpec, limit: Int) -> KMSError {
        .validation(
            "Algorithm \(algorithm) and key spec \(spec.rawValue) cannot encrypt data larger than \(limit) bytes.")
    }

    /// `Digest is invalid length for algorithm ECDSA_SHA_256.`
    static func digestLength(_ algorithm: SigningAlgorithm) -> KMSError {
        .validation("Digest is invalid length for algorithm \(algorithm.rawValue).")
    }

    /// A signature that does not verify: AWS sends an empty message.
    static let invalidSignature = KMSError(.invalidSignature, "")

    /// A MAC that does not verify: AWS sends an empty message.
    static let invalidMac = KMSError(.invalidMac, "")

    /// GetPublicKey on a key without a public key (symmetric or HMAC).
    static func noPublicKey(arn: String, spec: KeySpec) -> KMSError {
        .init(.unsupportedOperation, "\(arn) key spec \(spec.rawValue) does not support GetPublicKey.")
    }
}
