#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Generates the request ids every response echoes (`x-amzn-RequestId`, `x-amz-request-id`).
///
/// A random (version 4) UUID in lowercase, the form AWS uses. Formatted by hand into one string allocation,
/// because it runs on every request.
public enum RequestIdentifier {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A new random UUID string, e.g. `0f8fad5b-d9cb-469f-a165-70867728950e`.
    public static func make() -> String {
        // One `getrandom` for both words: `SystemRandomNumberGenerator` makes one system call per 8 bytes.
        var words: (high: UInt64, low: UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { arc4random_buf($0.baseAddress!, $0.count) }
        var (high, low) = words
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 4122 variant
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            func put(_ value: UInt64, nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    buffer[index] = hexDigits[Int((value >> UInt64(shift)) & 0xF)]
                    index += 1
                }
            }
            func dash() {
                buffer[index] = UInt8(ascii: "-")
                index += 1
            }
            put(high >> 32, nibbles: 8)
            dash()
            put(high >> 16, nibbles: 4)
            dash()
            put(high, nibbles: 4)
            dash()
            put(low >> 48, nibbles: 4)
            dash()
            put(low, nibbles: 12)
            return index
        }
    }
}
