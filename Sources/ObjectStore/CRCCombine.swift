/// Combines the CRCs of two byte strings into the CRC of their concatenation, knowing only the second's length.
///
/// Hand-written (no package offers it for CRC-32C or CRC-64/NVME): zlib's `crc32_combine` method (`multmodp` and
/// `x2nmodp` in zlib 1.2.12's crc32.c) generalised to any reflected CRC whose init and xorout are all ones, which
/// CRC-32, CRC-32C and CRC-64/NVME all are. Tested against the CRC of the concatenation (ChecksumCombineTests).
struct CRCCombine: Sendable {
    /// The reflected polynomial.
    let polynomial: UInt64
    /// The CRC width in bits (32 or 64).
    let width: Int

    static let crc32 = CRCCombine(polynomial: 0xEDB8_8320, width: 32)
    static let crc32c = CRCCombine(polynomial: 0x82F6_3B78, width: 32)
    static let crc64nvme = CRCCombine(polynomial: 0x9A6C_9329_AC4B_C9B5, width: 64)

    /// The CRC of `A || B` from `crc(A)`, `crc(B)` and `B`'s length in bytes.
    func combine(_ first: UInt64, _ second: UInt64, secondLength: Int64) -> UInt64 {
        multiply(powerOfX(bits: UInt64(secondLength) * 8), first) ^ second
    }

    private var top: UInt64 { 1 << UInt64(width - 1) }

    /// `a * b mod p` over GF(2), both reflected.
    private func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var m = top
        var b = b
        var product: UInt64 = 0
        while m != 0 {
            if a & m != 0 {
                product ^= b
                if a & (m - 1) == 0 { break }
            }
            m >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// `x^n mod p`, reflected, by repeated squaring of `x`.
    private func powerOfX(bits n: UInt64) -> UInt64 {
        var result = top  // x^0
        var square = top >> 1  // x^1
        var n = n
        while n != 0 {
            if n & 1 != 0 { result = multiply(square, result) }
            square = multiply(square, square)
            n >>= 1
        }
        return result
    }
}
