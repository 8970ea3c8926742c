import Crypto

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The lower-case hex SHA-256 of some bytes, as SigV4 uses it for payload hashes.
public func hexSHA256(_ data: some DataProtocol) -> String {
    SHA256.hash(data: data).hexString
}

extension Sequence<UInt8> {
    /// Lower-case hex encoding.
    var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(self.underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Compares two signatures in constant time.
///
/// Hand-written on purpose: `==` on strings returns at the first differing byte, which leaks how much of a
/// guessed signature is right. This loop always visits every byte and folds the differences with OR.
/// Only the length may leak, and signature lengths are public.
func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    let left = Array(lhs.utf8)
    let right = Array(rhs.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices {
        difference |= left[index] ^ right[index]
    }
    return difference == 0
}
