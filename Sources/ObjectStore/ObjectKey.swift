/// The S3 object key rules.
///
/// AWS accepts any UTF-8 of 1 to 1,024 bytes as a key. Coffer refuses, on every write that creates a key (PUT,
/// copy, multipart), the characters that XML 1.0 cannot represent at all, not even as character references:
/// U+0000-U+001F other than tab, newline and carriage return, and U+FFFE/U+FFFF. Why: every listing, error and
/// multipart answer echoes keys in XML 1.0, and a key holding one of them could only be written as a reference
/// such as `&#0;`, which every XML parser rejects, so one such key would break every client's listing of the
/// bucket (AWS's key naming guidelines warn of exactly this and point to `encoding-type=url`). A NUL would also be cut off
/// by SQLite's text binding (`"a\0b"` stored as `"a"`, overwriting another key). Refusing them with a 400 keeps
/// each stored key exact and each response well-formed; reads and deletes do not check, so an old key stays
/// reachable.
enum ObjectKey {
    /// Throws `invalidKey` when `key` is empty or longer than 1,024 UTF-8 bytes, and `invalidArgument` when it
    /// holds a character XML 1.0 cannot represent.
    static func validate(_ key: String, bucket: String) throws(ObjectStoreError) {
        guard (1...1024).contains(key.utf8.count) else { throw .invalidKey(bucket, key) }
        guard key.unicodeScalars.allSatisfy(isXMLCharacter) else {
            throw .invalidArgument(
                "Object key contains a character that XML 1.0 cannot represent "
                    + "(U+0000-U+001F other than tab, newline and carriage return, or U+FFFE/U+FFFF).",
                name: "key")
        }
    }

    /// Whether XML 1.0 can carry `scalar` (its `Char` production; Swift strings hold no surrogates).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20, 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
