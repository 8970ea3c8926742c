import TextCodings

/// A random 128-bit identity for one stored object version: names its blob and is bound into its ciphertext.
///
/// A new PUT always gets a new id, so blobs are never overwritten in place and an object's data key,
/// nonces and blob name are never reused.
public struct ObjectID: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes.
    public let bytes: [UInt8]

    /// Draws a fresh random id.
    static func random() -> ObjectID {
        var generator = SystemRandomNumberGenerator()
        return ObjectID(unchecked: (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    private init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Wraps stored bytes, or returns `nil` when they are not 16 bytes long.
    package init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        self.bytes = Array(bytes)
    }

    /// Parses 32 lower-case hex digits (a blob file name).
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 32, let bytes = Hex.decode(hex) else { return nil }
        self.bytes = bytes
    }

    /// 32 lower-case hex digits.
    public var hex: String {
        bytes.hexString
    }

    public var description: String { hex }
}

extension Sequence<UInt8> {
    /// Lower-case hex encoding (``TextCodings/Hex``).
    var hexString: String { Hex.encode(self) }
}
