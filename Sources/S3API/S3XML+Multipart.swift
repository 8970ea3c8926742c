import Foundation
import NIOCore
import ObjectStore
import TextCodings

/// The multipart documents: the `<CompleteMultipartUpload>` request and the answers of Create, Complete,
/// ListParts and ListMultipartUploads.
enum MultipartXML {
    /// `<InitiateMultipartUploadResult>`.
    static func initiated(_ upload: MultipartUploadInfo) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("InitiateMultipartUploadResult", namespaced: true)
        xml.element("Bucket", upload.bucket)
        xml.element("Key", upload.key)
        xml.element("UploadId", upload.uploadId)
        xml.close("InitiateMultipartUploadResult")
        return xml.buffer
    }

    /// Parses `<CompleteMultipartUpload>`: `<Part>` entries with `PartNumber`, `ETag` and optional checksums.
    /// The order is kept as sent; the store refuses a wrong one (`InvalidPartOrder`).
    static func parseCompletion(_ body: ByteBuffer) throws(S3Error) -> [CompletedPart] {
        let root = try XMLNode.parse(body)
        guard root.name == "CompleteMultipartUpload" else { throw .malformedXML }
        let parts = root.children(named: "Part")
        guard !parts.isEmpty, parts.count <= 10_000 else { throw .malformedXML }
        var result: [CompletedPart] = []
        for part in parts {
            guard let number = part.child("PartNumber").flatMap({ Int($0.text.trimmed) }),
                let etag = part.child("ETag")?.text.trimmed
            else { throw .malformedXML }
            var checksums = ObjectChecksums()
            for algorithm in ChecksumAlgorithm.allCases where algorithm != .md5 {
                checksums[algorithm] = part.child("Checksum" + algorithm.rawValue)?.text.trimmed
            }
            result.append(CompletedPart(partNumber: number, etag: etag, checksums: checksums))
        }
        return result
    }

    /// `<CompleteMultipartUploadResult>`.
    static func completed(
        _ result: CompleteMultipartUploadResult, upload: UploadAddress, location: String
    ) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("CompleteMultipartUploadResult", namespaced: true)
        xml.element("Location", location)
        xml.element("Bucket", upload.bucket)
        xml.element("Key", upload.key)
        xml.element("ETag", result.etag)
        writeChecksums(&xml, result.checksums)
        xml.element("ChecksumType", ifPresent: result.checksumType?.rawValue)
        xml.close("CompleteMultipartUploadResult")
        return xml.buffer
    }

    /// `<CopyPartResult>`: UploadPartCopy's answer.
    static func copyPartResult(_ part: PartInfo) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("CopyPartResult", namespaced: true)
        xml.element("LastModified", ISO8601Timestamp.format(part.lastModified))
        xml.element("ETag", part.etag)
        writeChecksums(&xml, part.checksums)
        xml.close("CopyPartResult")
        return xml.buffer
    }

    /// `<ListPartsResult>`.
    static func parts(_ result: ListPartsResult, maxParts: Int, marker: Int, owner: S3Owner) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("ListPartsResult", namespaced: true)
        xml.element("Bucket", result.upload.bucket)
        xml.element("Key", result.upload.key)
        xml.element("UploadId", result.upload.uploadId)
        owner.write(to: &xml, element: "Initiator")
        owner.write(to: &xml)
        xml.element("StorageClass", "STANDARD")
        xml.element("PartNumberMarker", marker)
        if let next = result.nextPartNumberMarker { xml.element("NextPartNumberMarker", next) }
        xml.element("MaxParts", maxParts)
        xml.element("IsTruncated", result.isTruncated)
        if let checksum = result.upload.checksum {
            xml.element("ChecksumAlgorithm", checksum.algorithm.rawValue)
            xml.element("ChecksumType", checksum.type.rawValue)
        }
        for part in result.parts {
            xml.open("Part")
            xml.element("PartNumber", part.partNumber)
            xml.element("LastModified", ISO8601Timestamp.format(part.lastModified))
            xml.element("ETag", part.etag)
            xml.element("Size", part.size)
            writeChecksums(&xml, part.checksums)
            xml.close("Part")
        }
        xml.close("ListPartsResult")
        return xml.buffer
    }

    /// `<ListMultipartUploadsResult>`.
    static func uploads(
        _ result: ListUploadsResult, request: ListUploadsRequest, bucket: String, encodeURL: Bool, owner: S3Owner
    ) -> ByteBuffer {
        let encode: (String) -> String = { encodeURL ? PercentEncoding.encode($0.utf8, keepSlash: true) : $0 }
        var xml = XMLWriter()
        xml.open("ListMultipartUploadsResult", namespaced: true)
        xml.element("Bucket", bucket)
        xml.element("KeyMarker", encode(request.keyMarker ?? ""))
        xml.element("UploadIdMarker", request.uploadIdMarker ?? "")
        if let next = result.nextKeyMarker { xml.element("NextKeyMarker", encode(next)) }
        if let next = result.nextUploadIdMarker { xml.element("NextUploadIdMarker", next) }
        xml.element("Prefix", encode(request.prefix))
        if let delimiter = request.delimiter { xml.element("Delimiter", encode(delimiter)) }
        xml.element("MaxUploads", request.maxUploads)
        if encodeURL { xml.element("EncodingType", "url") }
        xml.element("IsTruncated", result.isTruncated)
        for upload in result.uploads {
            xml.open("Upload")
            xml.element("Key", encode(upload.key))
            xml.element("UploadId", upload.uploadId)
            owner.write(to: &xml, element: "Initiator")
            owner.write(to: &xml)
            xml.element("StorageClass", "STANDARD")
            xml.element("Initiated", ISO8601Timestamp.format(upload.initiated))
            if let checksum = upload.checksum {
                xml.element("ChecksumAlgorithm", checksum.algorithm.rawValue)
                xml.element("ChecksumType", checksum.type.rawValue)
            }
            xml.close("Upload")
        }
        for prefix in result.commonPrefixes {
            xml.open("CommonPrefixes")
            xml.element("Prefix", encode(prefix))
            xml.close("CommonPrefixes")
        }
        xml.close("ListMultipartUploadsResult")
        return xml.buffer
    }

    private static func writeChecksums(_ xml: inout XMLWriter, _ checksums: ObjectChecksums) {
        for algorithm in ChecksumAlgorithm.allCases where algorithm != .md5 {
            if let value = checksums[algorithm] { xml.element("Checksum" + algorithm.rawValue, value) }
        }
    }
}
