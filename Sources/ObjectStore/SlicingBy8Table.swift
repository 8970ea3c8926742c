/// The lookup tables and inner loop of a reflected CRC computed eight bytes at a time ("slicing-by-8"),
/// shared by ``CRC32C`` and ``CRC64NVME``.
///
/// Hand-written because no package on the mirror, zlib or OpenSSL 3.0 provides these CRCs (platform notes §5).
/// `Word` is the CRC's width; the register is folded with 64-bit little-endian loads, which for a 32-bit CRC
/// leaves the upper half of each load to the high tables exactly as the classic two-word form does.
struct SlicingBy8Table<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// Eight 256-entry tables, flattened: table `k` starts at `k * 256`.
    private let entries: [Word]

    /// Builds the tables of the reflected polynomial `polynomial` (for example 0x82F63B78 for CRC-32C).
    init(reflectedPolynomial polynomial: Word) {
        var table = [Word](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = Word(n)
            for _ in 0..<8 { c = c & 1 != 0 ? polynomial ^ (c >> 1) : c >> 1 }
            table[n] = c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = table[(k - 1) * 256 + n]
                table[k * 256 + n] = table[Int(truncatingIfNeeded: previous & 0xFF)] ^ (previous >> 8)
            }
        }
        entries = table
    }

    /// Feeds `bytes` into the CRC register `crc` (the inverted running value) and returns the new register.
    @inline(__always)
    func update(register crc: Word, _ bytes: UnsafeRawBufferPointer) -> Word {
        entries.withUnsafeBufferPointer { t in
            var crc = crc
            var index = 0
            let count = bytes.count
            while count - index >= 8 {
                let word =
                    UInt64(truncatingIfNeeded: crc)
                    ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                crc = t[7 * 256 + Int(word & 0xFF)] ^ t[6 * 256 + Int((word >> 8) & 0xFF)]
                crc ^= t[5 * 256 + Int((word >> 16) & 0xFF)] ^ t[4 * 256 + Int((word >> 24) & 0xFF)]
                crc ^= t[3 * 256 + Int((word >> 32) & 0xFF)] ^ t[2 * 256 + Int((word >> 40) & 0xFF)]
                crc ^= t[1 * 256 + Int((word >> 48) & 0xFF)] ^ t[Int(word >> 56)]
                index += 8
            }
            while index < count {
                crc = t[Int(truncatingIfNeeded: (crc ^ Word(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
            return crc
        }
    }
}
