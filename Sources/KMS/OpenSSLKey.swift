import COpenSSL
import Crypto

#if canImport(Glibc)
    import Glibc
#endif

/// A private key held by the system's OpenSSL libcrypto (`EVP_PKEY`), for what swift-crypto cannot do.
///
/// Hand-written, and kept to what the key service needs: swift-crypto has no secp256k1 curve, and its RSA API
/// signs only its own digest types, so a `DIGEST` message (a hash the caller computed) cannot be signed with it.
/// This type does exactly four things: generate a secp256k1 key, import and export PKCS#8, export the public
/// key as DER SubjectPublicKeyInfo, and sign or verify a digest. The key never leaves the `EVP_PKEY` except as
/// PKCS#8 into a `SymmetricKey` (for sealing); the type is neither Codable nor printable.
final class OpenSSLKey: @unchecked Sendable, CustomStringConvertible {
    // @unchecked Sendable: the EVP_PKEY is never modified after init, and OpenSSL 3 allows concurrent use of an
    // unmodified EVP_PKEY from several threads when each operation has its own EVP_PKEY_CTX, as here.

    /// Why libcrypto refused.
    struct Failure: Error {}

    /// How an RSA signature is padded; unused for EC keys.
    enum RSAPadding {
        case pkcs1v15
        /// RSASSA-PSS with MGF1 over the same hash and a salt as long as the digest.
        case pss
    }

    private let pointer: OpaquePointer

    private init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// A fresh secp256k1 key (named-curve encoding).
    static func generateSecp256k1() throws(Failure) -> OpenSSLKey {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nil) else { throw Failure() }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
            EVP_PKEY_CTX_set_ec_paramgen_curve_nid(context, NID_secp256k1) == 1,
            EVP_PKEY_keygen(context, &key) == 1, let key
        else { throw Failure() }
        return OpenSSLKey(taking: key)
    }

    /// Parses a PKCS#8 `PrivateKeyInfo`.
    convenience init(pkcs8 bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw Failure() }
        var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
        guard let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, bytes.count) else { throw Failure() }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let key = EVP_PKCS82PKEY(info) else { throw Failure() }
        self.init(taking: key)
    }

    /// Whether this is a key on secp256k1.
    var isSecp256k1: Bool {
        var name = [CChar](repeating: 0, count: 32)
        var length = 0
        guard EVP_PKEY_get_base_id(pointer) == EVP_PKEY_EC,
            EVP_PKEY_get_group_name(pointer, &name, name.count, &length) == 1
        else { return false }
        return String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) == "secp256k1"
    }

    /// Whether this is an RSA key of `bits` bits.
    func isRSA(bits: Int) -> Bool {
        EVP_PKEY_get_base_id(pointer) == EVP_PKEY_RSA && Int(EVP_PKEY_get_bits(pointer)) == bits
    }

    /// The private key as PKCS#8 DER, in a `SymmetricKey` (secure bytes); the scratch buffer is zeroed.
    func pkcs8() throws(Failure) -> SymmetricKey {
        guard let info = EVP_PKEY2PKCS8(pointer) else { throw Failure() }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        let count = Int(i2d_PKCS8_PRIV_KEY_INFO(info, nil))
        guard count > 0 else { throw Failure() }
        let key = withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { buffer -> SymmetricKey? in
            defer { if let base = buffer.baseAddress { explicit_bzero(base, count) } }
            var cursor = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
            guard i2d_PKCS8_PRIV_KEY_INFO(info, &cursor) == count else { return nil }
            return SymmetricKey(data: UnsafeRawBufferPointer(buffer))
        }
        guard let key else { throw Failure() }
        return key
    }

    /// The public key as DER SubjectPublicKeyInfo.
    func publicKeyDER() throws(Failure) -> [UInt8] {
        let count = Int(i2d_PUBKEY(pointer, nil))
        guard count > 0 else { throw Failure() }
        var bytes = [UInt8](repeating: 0, count: count)
        let written = bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return Int(i2d_PUBKEY(pointer, &cursor))
        }
        guard written == count else { throw Failure() }
        return bytes
    }

    /// Signs `digest` (already hashed with `hash`): a DER ECDSA signature, or an RSA signature with `padding`.
    func sign(digest: [UInt8], hash: SignatureHash, padding: RSAPadding?) throws(Failure) -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new(pointer, nil) else { throw Failure() }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_sign_init(context) == 1, Self.configure(context, hash: hash, padding: padding) else {
            throw Failure()
        }
        var length = 0
        guard EVP_PKEY_sign(context, nil, &length, digest, digest.count) == 1 else { throw Failure() }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_sign(context, &signature, &length, digest, digest.count) == 1 else { throw Failure() }
        return Array(signature.prefix(length))
    }

    /// Whether `signature` is valid for `digest` (already hashed with `hash`).
    func isValidSignature(_ signature: [UInt8], digest: [UInt8], hash: SignatureHash, padding: RSAPadding?) -> Bool {
        guard let context = EVP_PKEY_CTX_new(pointer, nil) else { return false }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_verify_init(context) == 1, Self.configure(context, hash: hash, padding: padding) else {
            return false
        }
        return EVP_PKEY_verify(context, signature, signature.count, digest, digest.count) == 1
    }

    var description: String { "OpenSSLKey(redacted)" }

    /// Sets the digest (OpenSSL then checks the digest's length) and, for RSA, the padding.
    private static func configure(_ context: OpaquePointer, hash: SignatureHash, padding: RSAPadding?) -> Bool {
        let md: OpaquePointer? =
            switch hash {
            case .sha256: EVP_sha256()
            case .sha384: EVP_sha384()
            case .sha512: EVP_sha512()
            }
        guard EVP_PKEY_CTX_set_signature_md(context, md) == 1 else { return false }
        switch padding {
        case nil: return true
        case .pkcs1v15: return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1
        case .pss:
            // RSA_PSS_SALTLEN_DIGEST (-1): the salt is as long as the digest; MGF1 defaults to the signature hash.
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, -1) == 1
        }
    }
}
