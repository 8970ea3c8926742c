#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random bytes from the operating system's CSPRNG in one call per request.
///
/// Hand-written because swift-crypto's `SymmetricKey(size:)` and `SystemRandomNumberGenerator` make one
/// `getrandom` system call per 8 bytes: GenerateDataKey needs 60 random bytes, and 8 system calls cost more than the
/// rest of the request.
enum SecureRandom {
    /// Runs `body` over `count` fresh random bytes in a temporary buffer, zeroed (`explicit_bzero`) afterwards.
    static func withBytes<Result>(_ count: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { buffer in
            fill(buffer)
            defer { if let base = buffer.baseAddress { explicit_bzero(base, count) } }
            return body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// `count` random bytes, for values that are not secret on their own (ids, GenerateRandom output).
    static func bytes(_ count: Int) -> [UInt8] {
        withBytes(count) { Array($0) }
    }

    /// glibc 2.36+ and Darwin: `arc4random_buf` draws from the kernel CSPRNG (`getrandom` on Linux) in one call.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        arc4random_buf(base, buffer.count)
    }
}
