/// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), slicing-by-8.
///
/// The checksum newer AWS SDKs and the AWS CLI send as `x-amz-checksum-crc64nvme`. Hand-written because
/// no package on the mirror provides it; tested against the CRC catalogue check value of "123456789"
/// (0xAE8B14860A799888) and a bitwise reference.
struct CRC64NVME: Sendable {
    /// Eight 256-entry tables, flattened: table `k` starts at `k * 256`.
    private static let table: [UInt64] = makeTable()

    private(set) var value: UInt64 = 0

    /// Feeds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = ~value
        Self.table.withUnsafeBufferPointer { t in
            var index = 0
            let count = bytes.count
            while count - index >= 8 {
                let word = crc ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                crc = t[7 * 256 + Int(word & 0xFF)] ^ t[6 * 256 + Int((word >> 8) & 0xFF)]
                crc ^= t[5 * 256 + Int((word >> 16) & 0xFF)] ^ t[4 * 256 + Int((word >> 24) & 0xFF)]
                crc ^= t[3 * 256 + Int((word >> 32) & 0xFF)] ^ t[2 * 256 + Int((word >> 40) & 0xFF)]
                crc ^= t[1 * 256 + Int((word >> 48) & 0xFF)] ^ t[Int(word >> 56)]
                index += 8
            }
            while index < count {
                crc = t[Int((crc ^ UInt64(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
        }
        value = ~crc
    }

    private static func makeTable() -> [UInt64] {
        var table = [UInt64](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt64(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0x9A6C_9329_AC4B_C9B5 ^ (c >> 1) : c >> 1 }
            table[n] = c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = table[(k - 1) * 256 + n]
                table[k * 256 + n] = table[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return table
    }
}
