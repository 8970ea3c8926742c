/// Bytewise key arithmetic for listings. Swift's `String` comparison and `hasPrefix` use Unicode
/// canonical equivalence, but S3 (and SQLite's BINARY collation) compare UTF-8 bytes, so these work on
/// `utf8` views only.
enum KeyOrder {
    /// The smallest string greater than every string that starts with `prefix`, or `nil` if there is none
    /// (empty prefix, or all scalars U+10FFFF). Increments the last scalar, skipping surrogates.
    static func upperBound(ofPrefix prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var value = last.value + 1
            if value == 0xD800 { value = 0xE000 }
            if let next = Unicode.Scalar(value) {
                scalars.append(next)
                var result = String.UnicodeScalarView()
                result.append(contentsOf: scalars)
                return String(result)
            }
        }
        return nil
    }

    /// Whether `key` starts with `prefix`, bytewise.
    static func hasPrefix(_ key: String, _ prefix: String) -> Bool {
        key.utf8.starts(with: prefix.utf8)
    }

    /// The common prefix `key` rolls up to: everything through the first `delimiter` after `prefix`.
    static func commonPrefix(of key: String, prefix: String, delimiter: String) -> String? {
        guard !delimiter.isEmpty, hasPrefix(key, prefix) else { return nil }
        let bytes = Array(key.utf8)
        let needle = Array(delimiter.utf8)
        var index = prefix.utf8.count
        while index + needle.count <= bytes.count {
            if bytes[index..<index + needle.count].elementsEqual(needle) {
                return String(decoding: bytes[..<(index + needle.count)], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
