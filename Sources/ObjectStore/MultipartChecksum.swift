import Crypto
import Foundation

/// The whole-object checksum a multipart upload asked for at creation (`x-amz-checksum-algorithm`,
/// `x-amz-checksum-type`), and how it is computed from the parts' checksums at completion.
public struct MultipartChecksum: Sendable, Hashable {
    /// How the object checksum relates to the parts.
    public enum Kind: String, Sendable, Hashable {
        /// The checksum of the concatenated binary part checksums, suffixed `-N` (S3's default for CRC32,
        /// CRC32C, SHA1 and SHA256).
        case composite = "COMPOSITE"
        /// The checksum of the whole object, combined from the part CRCs (CRC32, CRC32C, CRC64NVME).
        case fullObject = "FULL_OBJECT"
    }

    /// The algorithm every part is checksummed with.
    public var algorithm: ChecksumAlgorithm
    /// Composite or full-object.
    public var type: Kind

    /// Creates a checksum choice; use ``resolve(algorithm:type:)`` to apply S3's defaults and rules.
    public init(algorithm: ChecksumAlgorithm, type: Kind) {
        self.algorithm = algorithm
        self.type = type
    }

    /// Applies S3's rules: CRC64NVME is full-object only, SHA checksums composite only; the default type is
    /// full-object for CRC64NVME and composite otherwise. A type without an algorithm is refused.
    public static func resolve(algorithm: ChecksumAlgorithm?, type: String?) throws(ObjectStoreError) -> Self? {
        guard let algorithm, algorithm != .md5 else {
            if type != nil || algorithm == .md5 {
                throw .invalidRequest("The x-amz-checksum-type header requires x-amz-checksum-algorithm")
            }
            return nil
        }
        let defaultKind: Kind = algorithm == .crc64nvme ? .fullObject : .composite
        guard let kind = type.map({ Kind(rawValue: $0.uppercased()) }) ?? defaultKind else {
            throw .invalidRequest("Value for x-amz-checksum-type header is invalid.")
        }
        let allowed: Bool =
            switch (algorithm, kind) {
            case (.crc64nvme, .composite), (.sha1, .fullObject), (.sha256, .fullObject): false
            default: true
            }
        guard allowed else {
            throw .invalidRequest(
                "The \(kind.rawValue) checksum type cannot be used with the \(algorithm.rawValue) checksum algorithm.")
        }
        return MultipartChecksum(algorithm: algorithm, type: kind)
    }

    /// The object checksum from its ordered parts' checksums (base64), or nil if a part lacks one.
    func combine(_ parts: [(checksum: String?, size: Int64)]) -> String? {
        var decoded: [[UInt8]] = []
        for part in parts {
            guard let text = part.checksum, let bytes = Data(base64Encoded: text), bytes.count == algorithm.digestSize
            else { return nil }
            decoded.append(Array(bytes))
        }
        switch type {
        case .composite:
            return Self.digest(algorithm, decoded.flatMap { $0 }) + "-\(parts.count)"
        case .fullObject:
            guard let crc = Self.crc(algorithm) else { return nil }
            var value: UInt64 = 0
            for (index, bytes) in decoded.enumerated() {
                let part = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                value = index == 0 ? part : crc.combine(value, part, secondLength: parts[index].size)
            }
            return Data(value.bigEndianBytes.suffix(algorithm.digestSize)).base64EncodedString()
        }
    }

    private static func crc(_ algorithm: ChecksumAlgorithm) -> CRCCombine? {
        switch algorithm {
        case .crc32: .crc32
        case .crc32c: .crc32c
        case .crc64nvme: .crc64nvme
        default: nil
        }
    }

    /// The base64 checksum of `bytes` with `algorithm`.
    static func digest(_ algorithm: ChecksumAlgorithm, _ bytes: [UInt8]) -> String {
        var accumulator = ChecksumAccumulator(computing: [algorithm])
        bytes.withUnsafeBytes { accumulator.update($0) }
        return accumulator.finalize().checksums[algorithm] ?? ""
    }
}
