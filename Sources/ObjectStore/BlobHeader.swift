/// The fixed 32-byte header at the start of every blob (docs/storage-format.md).
///
/// ```
/// offset size field
///  0     4    magic "CFOB"
///  4     1    format version (1)
///  5     1    cipher suite (1 = AES-256-GCM, HKDF-SHA256 content key, counter nonce)
///  6     2    reserved, zero
///  8     4    segment size in plaintext bytes, big-endian
/// 12     4    reserved, zero
/// 16    16    object id
/// ```
///
/// The header is not sealed on its own: every segment's additional data starts with these 32 bytes,
/// so changing any header byte makes every segment fail to open.
struct BlobHeader: Sendable, Equatable {
    static let size = 32
    static let magic: [UInt8] = Array("CFOB".utf8)
    static let currentVersion: UInt8 = 1
    static let aes256GCMSegmented: UInt8 = 1
    /// Bounds a parser accepts for the segment size, to refuse absurd allocations.
    static let segmentSizeRange = 1024...(16 << 20)

    var version: UInt8 = BlobHeader.currentVersion
    var cipherSuite: UInt8 = BlobHeader.aes256GCMSegmented
    var segmentSize: Int
    var objectID: ObjectID

    init(segmentSize: Int, objectID: ObjectID) {
        self.segmentSize = segmentSize
        self.objectID = objectID
    }

    /// The 32 serialized bytes.
    var bytes: [UInt8] {
        var out = BlobHeader.magic
        out += [version, cipherSuite, 0, 0]
        out += UInt32(segmentSize).bigEndianBytes
        out += [0, 0, 0, 0]
        out += objectID.bytes
        return out
    }

    /// Parses and validates a header; the one parser of the format.
    init(parsing bytes: some Collection<UInt8>) throws(BlobFormatError) {
        let b = Array(bytes)
        guard b.count >= BlobHeader.size else { throw .truncated }
        guard Array(b[0..<4]) == BlobHeader.magic else { throw .badHeader("magic") }
        guard b[4] == BlobHeader.currentVersion else { throw .unsupportedVersion(b[4]) }
        guard b[5] == BlobHeader.aes256GCMSegmented else { throw .badHeader("cipher suite") }
        guard b[6] == 0, b[7] == 0, b[12..<16].allSatisfy({ $0 == 0 }) else { throw .badHeader("reserved") }
        let segmentSize = b[8..<12].reduce(0) { $0 << 8 | Int($1) }
        guard BlobHeader.segmentSizeRange.contains(segmentSize) else { throw .badHeader("segment size") }
        self.segmentSize = segmentSize
        self.objectID = ObjectID(bytes: b[16..<32])!
    }
}

extension FixedWidthInteger {
    /// The big-endian bytes of the value.
    var bigEndianBytes: [UInt8] {
        (0..<(Self.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}
