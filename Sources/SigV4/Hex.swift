import Crypto
import TextCodings

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The lower-case hex SHA-256 of some bytes, as SigV4 uses it for payload hashes.
public func hexSHA256(_ data: some DataProtocol) -> String {
    SHA256.hash(data: data).hexString
}

/// The lower-case hex SHA-256 of contiguous bytes (a collected request body), without `DataProtocol`'s regions.
public func hexSHA256(bufferPointer bytes: UnsafeRawBufferPointer) -> String {
    SHA256.hash(data: bytes).hexString
}

extension ContiguousBytes {
    /// Lower-case hex encoding (``TextCodings/Hex``), written straight into the string's storage.
    var hexString: String {
        self.withUnsafeBytes { Hex.encode($0) }
    }
}

/// Compares two signatures in constant time.
///
/// Hand-written on purpose: `==` on strings returns at the first differing byte, which leaks how much of a
/// guessed signature is right. This loop always visits every byte and folds the differences with OR.
/// Only the length may leak, and signature lengths are public.
func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    guard lhs.utf8.count == rhs.utf8.count else { return false }
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in
        rhs.withUTF8 { right in
            var difference: UInt8 = 0
            for index in left.indices {
                difference |= left[index] ^ right[index]
            }
            return difference == 0
        }
    }
}
