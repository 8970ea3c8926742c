import COpenSSL
import Crypto

/// HMAC-SHA224 through libcrypto: swift-crypto has no SHA-224.
enum OpenSSLHMAC {
    /// `HMAC-SHA224(key, message)`, 28 bytes.
    static func sha224(key: SymmetricKey, message: [UInt8]) -> [UInt8]? {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            HMAC(EVP_sha224(), keyBytes.baseAddress, Int32(keyBytes.count), message, message.count, &mac, &length)
        }
        guard result != nil, length == 28 else { return nil }
        return Array(mac.prefix(28))
    }

    /// Constant-time equality of two byte strings (`CRYPTO_memcmp`); false when the lengths differ.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.count == rhs.count && CRYPTO_memcmp(lhs, rhs, lhs.count) == 0
    }
}
