#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random bytes from the operating system's CSPRNG, drawn in 4 KiB batches per thread.
///
/// Hand-written because swift-crypto's `SymmetricKey(size:)` and `SystemRandomNumberGenerator` make one
/// `getrandom` system call per 8 bytes: GenerateDataKey needs 60 random bytes, and 8 system calls cost more than
/// the rest of the request. Even one call per request was about 5% of a GenerateDataKey served over HTTP, so each
/// thread keeps a ``RandomPool`` of kernel randomness (`arc4random_buf`, which is `getrandom` on glibc 2.36+) and
/// refills it once per 4 KiB: BoringSSL buffers its own randomness per thread the same way. Bytes are zeroed in
/// the pool as they are handed out, and in the caller's buffer after use, so no key byte stays in memory.
/// The pool is not fork-safe: Coffer never forks.
enum SecureRandom {
    /// Runs `body` over `count` fresh random bytes in a temporary buffer, zeroed (`explicit_bzero`) afterwards.
    static func withBytes<Result>(_ count: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { buffer in
            RandomPool.current.take(into: buffer)
            defer { if let base = buffer.baseAddress { explicit_bzero(base, count) } }
            return body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// `count` random bytes, for values that are not secret on their own (ids, GenerateRandom output).
    static func bytes(_ count: Int) -> [UInt8] {
        withBytes(count) { Array($0) }
    }
}

/// One thread's buffer of kernel randomness; see ``SecureRandom``.
///
/// `@unchecked Sendable`: each instance is reachable only from the thread-specific slot of the thread that
/// created it, so it is never used by two threads.
final class RandomPool: @unchecked Sendable {
    static let capacity = 4096

    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: RandomPool.capacity, alignment: 16)
    /// Bytes before this offset were handed out (and zeroed).
    private var used = RandomPool.capacity

    private init() {}

    deinit {
        explicit_bzero(buffer.baseAddress!, buffer.count)
        buffer.deallocate()
    }

    /// The calling thread's pool, created on first use and released when the thread exits.
    static var current: RandomPool {
        if let pool = pthread_getspecific(key) { return Unmanaged<RandomPool>.fromOpaque(pool).takeUnretainedValue() }
        let pool = RandomPool()
        pthread_setspecific(key, Unmanaged.passRetained(pool).toOpaque())
        return pool
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { pool in
            #if canImport(Darwin)
                Unmanaged<RandomPool>.fromOpaque(pool).release()
            #else
                if let pool { Unmanaged<RandomPool>.fromOpaque(pool).release() }
            #endif
        }
        precondition(created == 0, "pthread_key_create failed")
        return key
    }()

    /// Fills `destination` with fresh random bytes, zeroing them in the pool.
    func take(into destination: UnsafeMutableRawBufferPointer) {
        guard let target = destination.baseAddress, destination.count > 0 else { return }
        guard destination.count <= Self.capacity / 4 else {
            arc4random_buf(target, destination.count)  // large requests (GenerateRandom of 1 KiB) bypass the pool
            return
        }
        if Self.capacity - used < destination.count {
            arc4random_buf(buffer.baseAddress!, Self.capacity)
            used = 0
        }
        let source = buffer.baseAddress! + used
        target.copyMemory(from: source, byteCount: destination.count)
        explicit_bzero(source, destination.count)
        used += destination.count
    }
}
