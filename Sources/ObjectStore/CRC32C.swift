/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slicing-by-8.
///
/// Hand-written because no package on the mirror, zlib or OpenSSL 3.0 provides CRC-32C (platform notes §5).
/// Tested against RFC 3720 §B.4 vectors and the check value of "123456789" (0xE3069283). A hardware
/// (SSE4.2) variant can replace `update` behind the same interface.
struct CRC32C: Sendable {
    private static let table = SlicingBy8Table<UInt32>(reflectedPolynomial: 0x82F6_3B78)

    private(set) var value: UInt32 = 0

    /// Feeds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        value = ~Self.table.update(register: ~value, bytes)
    }
}
