import Crypto
import Foundation
import _CryptoExtras

/// Sign and Verify with the key pair. The caller has checked that `algorithm` suits the key and that a `DIGEST`
/// message is exactly as long as the algorithm's hash.
///
/// Encodings follow AWS (reference §1.5): RSA signatures per PKCS#1 (RFC 8017), RSASSA-PSS with MGF1 over the
/// same hash and a salt as long as the hash; ECDSA signatures as DER `SEQUENCE { r, s }`.
extension AsymmetricKeyPair {
    /// The signature of `message` (RAW: hashed here; DIGEST: used as the hash).
    func sign(_ message: [UInt8], type: MessageType, algorithm: SigningAlgorithm) throws(Failure) -> [UInt8] {
        do {
            switch privateKey {
            case .rsaSigning(let key, _, let openSSL):
                let padding = Self.padding(algorithm)
                guard type == .raw else {
                    return try openSSL.sign(digest: message, hash: algorithm.hash, padding: padding.openSSL)
                }
                let signature: _RSA.Signing.RSASignature =
                    switch algorithm.hash {
                    case .sha256: try key.signature(for: SHA256.hash(data: message), padding: padding.swiftCrypto)
                    case .sha384: try key.signature(for: SHA384.hash(data: message), padding: padding.swiftCrypto)
                    case .sha512: try key.signature(for: SHA512.hash(data: message), padding: padding.swiftCrypto)
                    }
                return Array(signature.rawRepresentation)
            case .p256(let key, _):
                let signature = try type == .raw ? key.signature(for: message) : key.signature(for: Prehashed(message))
                return Array(signature.derRepresentation)
            case .p384(let key, _):
                let signature = try type == .raw ? key.signature(for: message) : key.signature(for: Prehashed(message))
                return Array(signature.derRepresentation)
            case .p521(let key, _):
                let signature = try type == .raw ? key.signature(for: message) : key.signature(for: Prehashed(message))
                return Array(signature.derRepresentation)
            case .secp256k1(let key):
                let digest = type == .raw ? Array(SHA256.hash(data: message)) : message
                return try key.sign(digest: digest, hash: .sha256, padding: nil)
            case .rsaEncryption:
                throw Failure()
            }
        } catch {
            throw Failure()
        }
    }

    /// Whether `signature` is valid for `message` under `algorithm`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8], type: MessageType, algorithm: SigningAlgorithm)
        -> Bool
    {
        switch privateKey {
        case .rsaSigning(_, let key, let openSSL):
            let padding = Self.padding(algorithm)
            guard type == .raw else {
                return openSSL.isValidSignature(
                    signature, digest: message, hash: algorithm.hash, padding: padding.openSSL)
            }
            let rsa = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch algorithm.hash {
            case .sha256:
                return key.isValidSignature(rsa, for: SHA256.hash(data: message), padding: padding.swiftCrypto)
            case .sha384:
                return key.isValidSignature(rsa, for: SHA384.hash(data: message), padding: padding.swiftCrypto)
            case .sha512:
                return key.isValidSignature(rsa, for: SHA512.hash(data: message), padding: padding.swiftCrypto)
            }
        case .p256(_, let key):
            guard let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return type == .raw
                ? key.isValidSignature(ecdsa, for: message) : key.isValidSignature(ecdsa, for: Prehashed(message))
        case .p384(_, let key):
            guard let ecdsa = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return type == .raw
                ? key.isValidSignature(ecdsa, for: message) : key.isValidSignature(ecdsa, for: Prehashed(message))
        case .p521(_, let key):
            guard let ecdsa = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return type == .raw
                ? key.isValidSignature(ecdsa, for: message) : key.isValidSignature(ecdsa, for: Prehashed(message))
        case .secp256k1(let key):
            let digest = type == .raw ? Array(SHA256.hash(data: message)) : message
            return key.isValidSignature(signature, digest: digest, hash: .sha256, padding: nil)
        case .rsaEncryption:
            return false
        }
    }

    private static func padding(_ algorithm: SigningAlgorithm) -> (
        swiftCrypto: _RSA.Signing.Padding, openSSL: OpenSSLKey.RSAPadding
    ) {
        switch algorithm {
        case .rsassaPssSha256, .rsassaPssSha384, .rsassaPssSha512: (.PSS, .pss)
        default: (.insecurePKCS1v1_5, .pkcs1v15)
        }
    }
}

/// A digest the caller computed (MessageType `DIGEST`), for swift-crypto's ECDSA, which signs any `Digest`'s bytes.
///
/// Its length was checked against the algorithm before; `byteCount` is informational only.
struct Prehashed: Digest {
    static var byteCount: Int { 64 }

    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    var description: String { "Prehashed(\(bytes.count) bytes)" }
}
