import Foundation

/// Byte-exact string comparison, as IAM compares values: by UTF-8 bytes, not Swift's canonical equivalence.
enum UTF8Bytes {
    /// Whether `lhs` and `rhs` have the same UTF-8 bytes.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        let answer = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in self.equal(left, right) }
        }
        return (answer ?? nil) ?? lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// Whether two byte buffers are equal.
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
        return memcmp(left, right, lhs.count) == 0
    }
}
