/// A shared request quota of the KMS cryptographic operations (reference §1.8).
///
/// AWS meters cryptographic calls per account and region in a few shared pools, chosen by the operation and
/// the type of the KMS key it uses. Coffer enforces the three pools of the lecture; every other quota
/// (management operations, GenerateDataKeyPair per pair spec, ML-DSA) is not enforced.
public enum QuotaFamily: String, Sendable, Hashable, CaseIterable {
    /// Decrypt, Encrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, GenerateMac, GenerateRandom,
    /// ReEncrypt and VerifyMac with symmetric encryption or HMAC keys (and GenerateRandom, which uses no key).
    case symmetric
    /// Encrypt, Decrypt, ReEncrypt, Sign and Verify with RSA keys.
    case rsa
    /// Sign, Verify and DeriveSharedSecret with elliptic-curve keys, and also Encrypt, Decrypt and ReEncrypt with
    /// SM2 keys (AWS's "Cryptographic operations (ECC and SM2)" quota).
    case ecc
}

extension QuotaFamily {
    private static let symmetricOperations: Set<String> = [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateMac", "GenerateRandom",
        "ReEncrypt", "VerifyMac",
    ]
    private static let rsaOperations: Set<String> = ["Decrypt", "Encrypt", "ReEncrypt", "Sign", "Verify"]
    private static let eccOperations: Set<String> = ["Sign", "Verify", "DeriveSharedSecret"]
    private static let sm2Operations: Set<String> = eccOperations.union(["Decrypt", "Encrypt", "ReEncrypt"])

    /// The quota that a call of `operation` with a key of `keySpec` counts against, or nil if none applies.
    ///
    /// - Parameters:
    ///   - operation: the KMS operation name, as in `X-Amz-Target: TrentService.<operation>`.
    ///   - keySpec: the key's `KeySpec` (`SYMMETRIC_DEFAULT`, `HMAC_256`, `RSA_2048`, `ECC_NIST_P256`, ...), or
    ///     nil for an operation without a key (GenerateRandom).
    /// - Returns: nil for management operations (GetPublicKey among them, with its own 2,000/s quota on AWS),
    ///   GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext (AWS meters them per key pair spec, apart from
    ///   the symmetric quota, even though they use a symmetric key) and key specs Coffer does not meter (ML-DSA has
    ///   a quota of its own); these are never throttled.
    public init?(operation: String, keySpec: String?) {
        let spec = keySpec ?? "SYMMETRIC_DEFAULT"
        if spec == "SYMMETRIC_DEFAULT" || spec.hasPrefix("HMAC_") {
            guard Self.symmetricOperations.contains(operation) else { return nil }
            self = .symmetric
        } else if spec.hasPrefix("RSA_") {
            guard Self.rsaOperations.contains(operation) else { return nil }
            self = .rsa
        } else if spec.hasPrefix("ECC_") {
            guard Self.eccOperations.contains(operation) else { return nil }
            self = .ecc
        } else if spec == "SM2" {
            guard Self.sm2Operations.contains(operation) else { return nil }
            self = .ecc
        } else {
            return nil
        }
    }
}
