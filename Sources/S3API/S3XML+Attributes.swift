import Foundation
import HTTPTypes
import NIOCore
import ObjectStore

/// GetObjectAttributes: the `x-amz-object-attributes` request header and the `<GetObjectAttributesResponse>` answer.
enum ObjectAttributesXML {
    /// An attribute a client may ask for.
    enum Attribute: String, CaseIterable, Sendable {
        case etag = "ETag"
        case checksum = "Checksum"
        case objectParts = "ObjectParts"
        case storageClass = "StorageClass"
        case objectSize = "ObjectSize"
    }

    /// The attributes named by `x-amz-object-attributes` (comma separated, possibly in several headers).
    /// - Throws: `InvalidRequest` when none is named, `InvalidArgument` for an unknown name, with AWS's messages.
    static func requested(_ headers: HTTPFields) throws(S3Error) -> Set<Attribute> {
        var attributes: Set<Attribute> = []
        for value in headers[values: .amzObjectAttributes] {
            for name in value.split(separator: ",") {
                let name = name.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { continue }
                guard let attribute = Attribute(rawValue: name) else {
                    throw .invalidArgument(
                        "Invalid attribute name specified.", name: "x-amz-object-attributes", value: name)
                }
                attributes.insert(attribute)
            }
        }
        guard !attributes.isEmpty else {
            throw .invalidRequest(
                "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or "
                    + "empty")
        }
        return attributes
    }

    /// `x-amz-max-parts` (default and cap 1,000) and `x-amz-part-number-marker` (default 0).
    struct Paging {
        var maxParts = 1000
        var marker = 0

        init(_ headers: HTTPFields) throws(S3Error) {
            maxParts = min(try Self.count(headers, .amzMaxParts) ?? 1000, 1000)
            marker = try Self.count(headers, .amzPartNumberMarker) ?? 0
        }

        private static func count(_ headers: HTTPFields, _ name: HTTPField.Name) throws(S3Error) -> Int? {
            guard let value = headers[name] else { return nil }
            guard let number = Int(value), number >= 0 else {
                throw .invalidArgument(
                    "Provided \(name.canonicalName) not an integer or within integer range", name: name.canonicalName,
                    value: value)
            }
            return number
        }
    }

    /// `<GetObjectAttributesResponse>` with the requested attributes the object has. The ETag is unquoted, as AWS
    /// returns it here; `Checksum` appears only when a checksum is stored, `ObjectParts` only for a multipart
    /// object (``ObjectInfo/partsCount``).
    static func response(_ page: ObjectPartsPage, _ attributes: Set<Attribute>, _ paging: Paging) -> ByteBuffer {
        let info = page.info
        var xml = XMLWriter()
        xml.open("GetObjectAttributesResponse", namespaced: true)
        if attributes.contains(.etag) {
            xml.element("ETag", info.etag.trimmingCharacters(in: ["\""]))
        }
        if attributes.contains(.checksum), ChecksumXML.hasAny(info.checksums) {
            xml.open("Checksum")
            ChecksumXML.add(info.checksums, type: info.checksumType?.rawValue ?? "FULL_OBJECT", to: &xml)
            xml.close("Checksum")
        }
        if attributes.contains(.objectParts), let count = info.partsCount {
            objectParts(page, count: count, paging, to: &xml)
        }
        if attributes.contains(.storageClass) { xml.element("StorageClass", "STANDARD") }
        if attributes.contains(.objectSize) { xml.element("ObjectSize", info.size) }
        xml.close("GetObjectAttributesResponse")
        return xml.buffer
    }

    /// `<ObjectParts>`: the part count and, as on AWS, the page of parts only when the object has a checksum
    /// (the upload named a checksum algorithm), each with its number, size and checksums.
    private static func objectParts(_ page: ObjectPartsPage, count: Int, _ paging: Paging, to xml: inout XMLWriter) {
        xml.open("ObjectParts")
        if ChecksumXML.hasAny(page.info.checksums) {
            xml.element("IsTruncated", page.isTruncated)
            xml.element("MaxParts", paging.maxParts)
            if let next = page.nextPartNumberMarker { xml.element("NextPartNumberMarker", next) }
            xml.element("PartNumberMarker", paging.marker)
            for part in page.parts {
                xml.open("Part")
                ChecksumXML.addValues(part.checksums, to: &xml)
                xml.element("PartNumber", part.partNumber)
                xml.element("Size", part.size)
                xml.close("Part")
            }
        }
        xml.element("PartsCount", count)
        xml.close("ObjectParts")
    }
}
