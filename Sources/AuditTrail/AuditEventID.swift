import Foundation
import Synchronization

/// Unique event ids in UUID version-4 form, without a system call per id.
///
/// `UUID()` reads the system's random source on every call, about 3 µs on Linux: most of the cost of
/// recording an event on the KMS hot path. An event id must be unique, not unpredictable, so this draws 64
/// random bits once per process and pairs them with a counter that starts at a random value.
enum AuditEventID {
    private static let prefix = UInt64.random(in: .min ... .max)
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))

    /// The next id: the random prefix, then the counter, with the version-4 and RFC 4122 variant bits set.
    static func next() -> UUID {
        let high = (prefix & ~0xF000) | 0x4000
        let low = (counter.add(1, ordering: .relaxed).newValue & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { buffer in
            buffer.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            buffer.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        return UUID(uuid: bytes)
    }
}
