/// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), slicing-by-8.
///
/// The checksum newer AWS SDKs and the AWS CLI send as `x-amz-checksum-crc64nvme`. Hand-written because
/// no package on the mirror provides it; tested against the CRC catalogue check value of "123456789"
/// (0xAE8B14860A799888) and a bitwise reference.
struct CRC64NVME: Sendable {
    private static let table = SlicingBy8Table<UInt64>(reflectedPolynomial: 0x9A6C_9329_AC4B_C9B5)

    private(set) var value: UInt64 = 0

    /// Feeds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        value = ~Self.table.update(register: ~value, bytes)
    }
}
