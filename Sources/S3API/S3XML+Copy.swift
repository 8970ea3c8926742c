import NIOCore
import ObjectStore

/// CopyObject's answer: `<CopyObjectResult>`.
enum CopyXML {
    /// `<CopyObjectResult>` with the new object's `LastModified`, quoted `ETag` and its checksums, if any.
    static func result(_ result: PutObjectResult) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("CopyObjectResult", namespaced: true)
        xml.element("LastModified", ISO8601Timestamp.format(result.lastModified))
        xml.element("ETag", result.etag)
        ChecksumXML.add(result.checksums, to: &xml)
        xml.close("CopyObjectResult")
        return xml.buffer
    }
}

/// The `<ChecksumCRC32>`… elements of XML answers, with `<ChecksumType>FULL_OBJECT</ChecksumType>`.
enum ChecksumXML {
    static let elements: [(ChecksumAlgorithm, String)] = [
        (.crc32, "ChecksumCRC32"), (.crc32c, "ChecksumCRC32C"), (.crc64nvme, "ChecksumCRC64NVME"),
        (.sha1, "ChecksumSHA1"), (.sha256, "ChecksumSHA256"),
    ]

    /// Whether any checksum is stored.
    static func hasAny(_ checksums: ObjectChecksums) -> Bool {
        elements.contains { checksums[$0.0] != nil }
    }

    /// Appends one element per stored checksum and, when there is any, the checksum type.
    static func add(_ checksums: ObjectChecksums, type: String = "FULL_OBJECT", to xml: inout XMLWriter) {
        guard hasAny(checksums) else { return }
        addValues(checksums, to: &xml)
        xml.element("ChecksumType", type)
    }

    /// Appends one element per stored checksum, without a type (a part's checksums).
    static func addValues(_ checksums: ObjectChecksums, to xml: inout XMLWriter) {
        for (algorithm, name) in elements {
            xml.element(name, ifPresent: checksums[algorithm])
        }
    }
}
