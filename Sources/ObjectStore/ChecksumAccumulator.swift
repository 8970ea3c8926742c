import CZlib
import Crypto
import Foundation

/// Computes MD5 (always) and the requested checksums over a streamed body in one pass.
struct ChecksumAccumulator {
    private var md5 = Insecure.MD5()
    private var crc32: UInt32?
    private var crc32c: CRC32C?
    private var crc64nvme: CRC64NVME?
    private var sha1: Insecure.SHA1?
    private var sha256: SHA256?

    /// Creates an accumulator that also computes `algorithms`.
    init(computing algorithms: Set<ChecksumAlgorithm>) {
        if algorithms.contains(.crc32) { crc32 = 0 }
        if algorithms.contains(.crc32c) { crc32c = CRC32C() }
        if algorithms.contains(.crc64nvme) { crc64nvme = CRC64NVME() }
        if algorithms.contains(.sha1) { sha1 = Insecure.SHA1() }
        if algorithms.contains(.sha256) { sha256 = SHA256() }
    }

    /// Feeds the next bytes of the body.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        md5.update(bufferPointer: bytes)
        if let value = crc32 {
            crc32 = Self.zlibCRC32(value, bytes)
        }
        crc32c?.update(bytes)
        crc64nvme?.update(bytes)
        sha1?.update(bufferPointer: bytes)
        sha256?.update(bufferPointer: bytes)
    }

    /// The final digests: MD5 as raw bytes, the others base64 encoded.
    func finalize() -> (md5: [UInt8], checksums: ObjectChecksums) {
        var checksums = ObjectChecksums()
        checksums.crc32 = crc32.map { Data($0.bigEndianBytes).base64EncodedString() }
        checksums.crc32c = crc32c.map { Data($0.value.bigEndianBytes).base64EncodedString() }
        checksums.crc64nvme = crc64nvme.map { Data($0.value.bigEndianBytes).base64EncodedString() }
        checksums.sha1 = sha1.map { Data($0.finalize()).base64EncodedString() }
        checksums.sha256 = sha256.map { Data($0.finalize()).base64EncodedString() }
        return (Array(md5.finalize()), checksums)
    }

    /// zlib's `crc32`, fed in pieces that fit its 32-bit length argument.
    static func zlibCRC32(_ initial: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = UInt(initial)
        var offset = 0
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            let start = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self)
            crc = CZlib.crc32(crc, start, uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
