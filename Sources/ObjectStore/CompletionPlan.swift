import Crypto
import Foundation
import TextCodings

/// One entry of a CompleteMultipartUpload part list.
public struct CompletedPart: Sendable, Hashable {
    /// The part number, 1 to 10,000.
    public var partNumber: Int
    /// The part's ETag as the client lists it (quotes optional).
    public var etag: String
    /// Per-part checksums the client lists (`ChecksumCRC32` …); each must equal the stored one.
    public var checksums: ObjectChecksums

    /// Creates an entry.
    public init(partNumber: Int, etag: String, checksums: ObjectChecksums = ObjectChecksums()) {
        self.partNumber = partNumber
        self.etag = etag
        self.checksums = checksums
    }
}

/// What completing an upload makes of its parts: validated with S3's rules, no I/O (docs/storage-format.md §8).
///
/// - The list is non-empty and at most 10,000 entries (`malformedXML`), part numbers strictly ascending
///   (`invalidPartOrder`), each naming an uploaded part with the same ETag and checksums (`invalidPart`).
/// - Every part but the last is at least `minimumPartSize` bytes (`entityTooSmall`).
/// - The ETag is `hex(MD5(md5(part 1) || … || md5(part N)))-N`; the object checksum combines the parts'
///   (``MultipartChecksum``). Stored parts not listed are discarded.
package struct CompletionPlan: Sendable {
    /// The maximum number of parts of an object.
    static let maximumParts = 10_000

    /// The listed parts in order, with their offsets in the object.
    package let parts: [(part: PartRow, offset: Int64)]
    /// The uploaded parts the list does not name; their blobs go once the object commits.
    package let discarded: [PartRow]
    /// The object size.
    let size: Int64
    /// The unquoted multipart ETag.
    let etag: String
    /// The object checksum (base64, composite ones suffixed `-N`), when the upload asked for one.
    let checksum: String?

    /// Validates `requested` against the `stored` parts of the upload.
    package init(
        requested: [CompletedPart], stored: [PartRow], minimumPartSize: Int64, checksum: MultipartChecksum?
    ) throws(ObjectStoreError) {
        guard (1...Self.maximumParts).contains(requested.count) else { throw .malformedXML }
        for (previous, next) in zip(requested, requested.dropFirst()) where next.partNumber <= previous.partNumber {
            throw .invalidPartOrder
        }
        let byNumber = Dictionary(stored.map { ($0.partNumber, $0) }, uniquingKeysWith: { _, last in last })
        var parts: [(part: PartRow, offset: Int64)] = []
        var offset: Int64 = 0
        for entry in requested {
            guard (1...Self.maximumParts).contains(entry.partNumber) else { throw .invalidPartNumber(entry.partNumber) }
            guard let part = byNumber[entry.partNumber], Self.matches(entry, part) else {
                throw .invalidPart(entry.partNumber)
            }
            parts.append((part, offset))
            offset += part.size
        }
        for (part, _) in parts.dropLast() where part.size < minimumPartSize {
            throw .entityTooSmall(partNumber: part.partNumber, size: part.size, minimum: minimumPartSize)
        }
        let listed = Set(requested.map(\.partNumber))
        self.parts = parts
        self.discarded = stored.filter { !listed.contains($0.partNumber) }
        self.size = offset
        self.etag = Self.etag(parts.map(\.part.etag))
        self.checksum = checksum.flatMap { choice in
            choice.combine(parts.map { ($0.part.checksums[choice.algorithm], $0.part.size) })
        }
    }

    /// `hex(MD5(binary part MD5s))-N`.
    static func etag(_ partETags: [String]) -> String {
        var md5 = Insecure.MD5()
        for etag in partETags { md5.update(data: Self.bytes(hex: etag)) }
        return Data(md5.finalize()).hexString + "-\(partETags.count)"
    }

    private static func matches(_ entry: CompletedPart, _ part: PartRow) -> Bool {
        guard normalize(entry.etag) == part.etag else { return false }
        for algorithm in ChecksumAlgorithm.allCases {
            if let listed = entry.checksums[algorithm], listed != part.checksums[algorithm] { return false }
        }
        return true
    }

    /// An ETag without quotes, lower-cased.
    static func normalize(_ etag: String) -> String {
        var tag = Substring(etag.trimmingCharacters(in: .whitespaces))
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = tag.dropFirst().dropLast() }
        return tag.lowercased()
    }

    private static func bytes(hex: String) -> [UInt8] {
        Hex.decode(hex) ?? []
    }
}
