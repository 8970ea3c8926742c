import Crypto
import Foundation
import _CryptoExtras

/// The key pair of an asymmetric KMS key, parsed once (at creation or start-up) and used by every request.
///
/// The private key lives only in swift-crypto's key types, or in libcrypto's `EVP_PKEY` for what swift-crypto
/// lacks (secp256k1 keys; RSA signatures over a caller's digest). At rest it is PKCS#8 DER sealed under the root
/// key (`MaterialSealer`). Neither Codable nor printable: `description` shows the spec and material id only.
struct AsymmetricKeyPair: Sendable, CustomStringConvertible {
    /// The private key, in the type that performs the key's operations.
    enum PrivateKey: Sendable {
        case rsaEncryption(RSAEncryptionKeys)
        /// swift-crypto for RAW messages; the same key in libcrypto for DIGEST messages.
        case rsaSigning(_RSA.Signing.PrivateKey, _RSA.Signing.PublicKey, OpenSSLKey)
        case p256(P256.Signing.PrivateKey, P256.Signing.PublicKey)
        case p384(P384.Signing.PrivateKey, P384.Signing.PublicKey)
        case p521(P521.Signing.PrivateKey, P521.Signing.PublicKey)
        case secp256k1(OpenSSLKey)
    }

    /// Why PKCS#8 bytes do not make a key of the expected spec, or a library refused.
    struct Failure: Error {}

    /// The material id (one per key: asymmetric keys never rotate).
    let id: KeyMaterialID
    let spec: KeySpec
    let privateKey: PrivateKey
    /// The public key as DER SubjectPublicKeyInfo (what GetPublicKey returns), computed once.
    let publicKeyDER: [UInt8]

    /// Parses PKCS#8 DER into the key types the spec and usage need, checking the algorithm and size.
    init(id: KeyMaterialID, spec: KeySpec, usage: KeyUsage, pkcs8: SymmetricKey) throws(Failure) {
        self.id = id
        self.spec = spec
        do {
            (privateKey, publicKeyDER) = try pkcs8.withUnsafeBytes { bytes in
                try Self.parse(bytes, spec: spec, usage: usage)
            }
        } catch {
            throw Failure()
        }
    }

    /// A new key pair of `spec`, with its PKCS#8 DER to seal.
    static func generate(id: KeyMaterialID, spec: KeySpec, usage: KeyUsage) throws(Failure) -> (
        AsymmetricKeyPair, pkcs8: SymmetricKey
    ) {
        let pkcs8: SymmetricKey
        do {
            switch spec {
            case .rsa2048, .rsa3072, .rsa4096:
                let key = try _RSA.Signing.PrivateKey(keySize: .init(bitCount: spec.rsaBits))
                pkcs8 = secureCopy(key.pkcs8DERRepresentation)
            case .eccNistP256: pkcs8 = secureCopy(P256.Signing.PrivateKey().derRepresentation)
            case .eccNistP384: pkcs8 = secureCopy(P384.Signing.PrivateKey().derRepresentation)
            case .eccNistP521: pkcs8 = secureCopy(P521.Signing.PrivateKey().derRepresentation)
            case .eccSecgP256k1: pkcs8 = try OpenSSLKey.generateSecp256k1().pkcs8()
            case .symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512: throw Failure()
            }
        } catch {
            throw Failure()
        }
        return (try AsymmetricKeyPair(id: id, spec: spec, usage: usage, pkcs8: pkcs8), pkcs8)
    }

    var description: String { "AsymmetricKeyPair(\(spec.rawValue), \(id.hex))" }

    /// Moves DER bytes into secure bytes and zeroes the `Data` they came in.
    private static func secureCopy(_ der: Data) -> SymmetricKey {
        var der = der
        defer { der.resetBytes(in: der.startIndex..<der.endIndex) }
        return SymmetricKey(data: der)
    }

    private static func parse(_ der: UnsafeRawBufferPointer, spec: KeySpec, usage: KeyUsage) throws -> (
        PrivateKey, [UInt8]
    ) {
        if spec.isRSA, usage == .encryptDecrypt {
            let key = try _RSA.Encryption.PrivateKey(derRepresentation: der)
            guard key.keySizeInBits == spec.rsaBits else { throw Failure() }
            let keys = RSAEncryptionKeys(privateKey: key, publicKey: key.publicKey)
            return (.rsaEncryption(keys), Array(key.publicKey.derRepresentation))
        }
        switch spec {
        case .rsa2048, .rsa3072, .rsa4096:
            let key = try _RSA.Signing.PrivateKey(derRepresentation: der)
            let openSSL = try OpenSSLKey(pkcs8: der)
            guard key.keySizeInBits == spec.rsaBits, openSSL.isRSA(bits: spec.rsaBits) else { throw Failure() }
            return (.rsaSigning(key, key.publicKey, openSSL), Array(key.publicKey.derRepresentation))
        case .eccNistP256:
            let key = try P256.Signing.PrivateKey(derRepresentation: der)
            return (.p256(key, key.publicKey), Array(key.publicKey.derRepresentation))
        case .eccNistP384:
            let key = try P384.Signing.PrivateKey(derRepresentation: der)
            return (.p384(key, key.publicKey), Array(key.publicKey.derRepresentation))
        case .eccNistP521:
            let key = try P521.Signing.PrivateKey(derRepresentation: der)
            return (.p521(key, key.publicKey), Array(key.publicKey.derRepresentation))
        case .eccSecgP256k1:
            let key = try OpenSSLKey(pkcs8: der)
            guard key.isSecp256k1 else { throw Failure() }
            return (.secp256k1(key), try key.publicKeyDER())
        case .symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512:
            throw Failure()
        }
    }
}

/// swift-crypto's RSA encryption keys, which swift-crypto does not mark Sendable.
struct RSAEncryptionKeys: @unchecked Sendable {
    // @unchecked Sendable: both are immutable structs over the same `@unchecked Sendable` BoringSSL backing as
    // `_RSA.Signing` keys (which are Sendable); only the annotation is missing upstream.
    let privateKey: _RSA.Encryption.PrivateKey
    let publicKey: _RSA.Encryption.PublicKey
}

extension KeySpec {
    /// The modulus size of an RSA spec, in bits; 0 for others.
    var rsaBits: Int {
        switch self {
        case .rsa2048: 2048
        case .rsa3072: 3072
        case .rsa4096: 4096
        default: 0
        }
    }
}
