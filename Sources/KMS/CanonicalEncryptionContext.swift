/// The canonical byte encoding of an encryption context, bound into every ciphertext as AES-GCM AAD.
///
/// Pairs are sorted by key in UTF-8 byte order; each key and each value is written as a big-endian UInt32
/// byte length followed by its UTF-8 bytes. Length prefixes make the encoding injective (no two contexts
/// share bytes), and the empty map encodes to nothing, so "no context" and `{}` are the same.
enum CanonicalEncryptionContext {
    /// Encodes `context` canonically.
    static func encode(_ context: [String: String]) -> [UInt8] {
        guard !context.isEmpty else { return [] }
        let pairs = context.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.value.utf8.count })
        for (key, value) in pairs {
            append(key, to: &bytes)
            append(value, to: &bytes)
        }
        return bytes
    }

    private static func append(_ string: String, to bytes: inout [UInt8]) {
        let count = UInt32(string.utf8.count)
        bytes.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) })
        bytes.append(contentsOf: string.utf8)
    }
}
