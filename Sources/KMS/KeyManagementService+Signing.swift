import AuditTrail
import Foundation

/// GetPublicKey, Sign and Verify: asymmetric SIGN_VERIFY keys (and GetPublicKey for RSA ENCRYPT_DECRYPT keys).
///
/// Hot path: the key pair is parsed in memory; no database read, no lock held across the signature.
extension KeyManagementService {
    /// GetPublicKey: the DER SubjectPublicKeyInfo and what the key may do. Symmetric and HMAC keys have none.
    public func getPublicKey(keyId: String, caller: KMSCaller) async throws(KMSError) -> PublicKeyResult {
        try await perform(.getPublicKey, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            let key = try self.key(keyId, for: .getPublicKey, caller: caller, forms: .any, in: store)
            guard case .asymmetric(let pair) = key.material else {
                throw .noPublicKey(arn: key.arn, spec: key.keySpec)
            }
            let algorithms = key.keySpec.algorithms(usage: key.keyUsage)
            return PublicKeyResult(
                keyArn: key.arn, publicKey: pair.publicKeyDER, keySpec: key.keySpec, keyUsage: key.keyUsage,
                encryptionAlgorithms: algorithms.encryption, signingAlgorithms: algorithms.signing)
        }
    }

    /// Sign: `message` 1...4096 bytes, `messageType` RAW (default) or DIGEST.
    public func sign(
        keyId: String, message: [UInt8], messageType: String?, signingAlgorithm: String, caller: KMSCaller
    ) async throws(KMSError) -> SignResult {
        let parameters = Self.signingParameters(keyId, messageType, signingAlgorithm)
        return try await perform(.sign, caller, parameters) { caller throws(KMSError) in
            let (key, pair, type, algorithm) = try signingKey(
                keyId, message: message, messageType: messageType, algorithm: signingAlgorithm, for: .sign,
                caller: caller)
            guard let signature = try? pair.sign(message, type: type, algorithm: algorithm) else {
                throw .internalFailure
            }
            return SignResult(keyArn: key.arn, signature: signature, signingAlgorithm: algorithm.rawValue)
        }
    }

    /// Verify: succeeds only for a valid signature (`SignatureValid` is then true), else
    /// KMSInvalidSignatureException with an empty message. The message type may differ from Sign's.
    public func verify(
        keyId: String, message: [UInt8], messageType: String?, signature: [UInt8], signingAlgorithm: String,
        caller: KMSCaller
    ) async throws(KMSError) -> SignResult {
        let parameters = Self.signingParameters(keyId, messageType, signingAlgorithm)
        return try await perform(.verify, caller, parameters) { caller throws(KMSError) in
            guard (1...6144).contains(signature.count) else {
                throw .lengthOutOfRange(signature.count, member: "signature", range: 1...6144)
            }
            let (key, pair, type, algorithm) = try signingKey(
                keyId, message: message, messageType: messageType, algorithm: signingAlgorithm, for: .verify,
                caller: caller)
            guard pair.isValidSignature(signature, for: message, type: type, algorithm: algorithm) else {
                throw .invalidSignature
            }
            return SignResult(keyArn: key.arn, signature: [], signingAlgorithm: algorithm.rawValue)
        }
    }

    /// Sign's and Verify's loggable parameters (never the message or the signature).
    private static func signingParameters(_ keyId: String, _ messageType: String?, _ algorithm: String) -> AuditFields {
        var fields = AuditFields.request(keyId: keyId, algorithm: (.signingAlgorithm, algorithm))
        fields[.messageType] = .string(messageType ?? "RAW")
        return fields
    }

    /// The checks Sign and Verify share, in AWS's order: message length, key, state, usage, algorithm, digest length.
    private func signingKey(
        _ keyId: String, message: [UInt8], messageType: String?, algorithm name: String, for operation: KMSOperation,
        caller: KMSCaller
    ) throws(KMSError) -> (KMSKey, AsymmetricKeyPair, MessageType, SigningAlgorithm) {
        guard (1...4096).contains(message.count) else {
            throw .lengthOutOfRange(message.count, member: "message", range: 1...4096)
        }
        let type = try Self.messageType(messageType)
        let key = try self.key(keyId, for: operation, caller: caller, forms: .any, in: store)
        guard key.keyUsage == .signVerify, case .asymmetric(let pair) = key.material else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        guard let algorithm = SigningAlgorithm(rawValue: name), key.keySpec.signingAlgorithms.contains(algorithm) else {
            guard Self.modelSigningAlgorithms.contains(name) else {
                throw .notInEnum(name, member: "signingAlgorithm", values: Self.modelSigningAlgorithms)
            }
            throw .incompatibleAlgorithm(name, spec: key.keySpec)
        }
        if type == .digest, message.count != algorithm.hash.byteCount { throw .digestLength(algorithm) }
        return (key, pair, type, algorithm)
    }

    /// RAW when absent; EXTERNAL_MU (ML-DSA only) fits none of Coffer's keys.
    private static func messageType(_ name: String?) throws(KMSError) -> MessageType {
        guard let name else { return .raw }
        if let type = MessageType(rawValue: name) { return type }
        let model = ["RAW", "DIGEST", "EXTERNAL_MU"]
        guard model.contains(name) else { throw .notInEnum(name, member: "messageType", values: model) }
        throw .validation("Message type \(name) is not supported by this key service.")
    }

    /// `SigningAlgorithmSpec` as the model lists it.
    static let modelSigningAlgorithms = [
        "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256",
        "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512", "ECDSA_SHA_256", "ECDSA_SHA_384", "ECDSA_SHA_512",
        "SM2DSA", "ML_DSA_SHAKE_256", "ED25519_SHA_512", "ED25519_PH_SHA_512",
    ]
}
