import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A 256-bit plaintext key held in memory this type owns, for keys that outlive one request (cached bucket keys).
///
/// The bytes sit alone on their own page, which is locked against swapping (`mlock`, best effort: it fails
/// quietly past `RLIMIT_MEMLOCK`) and, on Linux, left out of core dumps (`MADV_DONTDUMP`). `deinit` zeroes
/// the page with `explicit_bzero` (`memset_s` on Darwin), which the optimizer may not remove.
///
/// The bytes are never zeroed while a reference exists, since a concurrent request may still be deriving
/// from them: eviction drops the cache's reference, and the last holder's release zeroes the page.
///
/// What this cannot zero: the transient `SymmetricKey` made by ``withSymmetricKey(_:)`` is swift-crypto's
/// `SecureBytes`, which swift-crypto cleanses on release; but HKDF's intermediate pseudorandom key and HMAC
/// pads, BoringSSL's AES key schedule, stack and register copies, and whatever copies the
/// ``DataKeyProvider`` made before handing the key over are outside our control.
final class KeyBytes: @unchecked Sendable {
    // @unchecked Sendable: the bytes are written once in `init` and only read afterwards; the page is
    // freed in `deinit`, when no other reference can exist.

    /// The key size in bytes.
    static let count = 32

    private let page: UnsafeMutableRawPointer
    private let pageSize: Int
    private let isLocked: Bool

    /// Copies a 256-bit key into a fresh locked page.
    init(copying key: SymmetricKey) {
        precondition(key.bitCount == Self.count * 8, "bucket keys are 256 bits")
        pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), Self.count)
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, pageSize, pageSize) == 0, let pointer else {
            fatalError("Out of memory for a key page")
        }
        page = pointer
        page.initializeMemory(as: UInt8.self, repeating: 0, count: pageSize)
        isLocked = mlock(page, pageSize) == 0
        #if os(Linux)
            _ = madvise(page, pageSize, MADV_DONTDUMP)
        #endif
        key.withUnsafeBytes { bytes in
            page.copyMemory(from: bytes.baseAddress!, byteCount: Self.count)
        }
    }

    deinit {
        #if canImport(Darwin)
            _ = memset_s(page, pageSize, 0, pageSize)
        #else
            explicit_bzero(page, pageSize)
        #endif
        if isLocked { munlock(page, pageSize) }
        free(page)
    }

    /// Runs `body` with a transient `SymmetricKey` holding the bytes; do not let it escape.
    func withSymmetricKey<R>(_ body: (SymmetricKey) throws -> R) rethrows -> R {
        try body(SymmetricKey(data: UnsafeRawBufferPointer(start: page, count: Self.count)))
    }
}
