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

    /// `<GetObjectAttributesResponse>` with the requested attributes the object has. The ETag is unquoted, as AWS
    /// returns it here; `Checksum` appears only when a checksum is stored, `ObjectParts` only for a multipart
    /// object (``ObjectInfo/partsCount``).
    static func response(_ info: ObjectInfo, _ attributes: Set<Attribute>) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("GetObjectAttributesResponse", namespaced: true)
        if attributes.contains(.etag) {
            xml.element("ETag", info.etag.trimmingCharacters(in: ["\""]))
        }
        if attributes.contains(.checksum), ChecksumXML.hasAny(info.checksums) {
            xml.open("Checksum")
            ChecksumXML.add(info.checksums, to: &xml)
            xml.close("Checksum")
        }
        if attributes.contains(.objectParts), let parts = info.partsCount {
            xml.open("ObjectParts")
            xml.element("PartsCount", parts)
            xml.close("ObjectParts")
        }
        if attributes.contains(.storageClass) { xml.element("StorageClass", "STANDARD") }
        if attributes.contains(.objectSize) { xml.element("ObjectSize", info.size) }
        xml.close("GetObjectAttributesResponse")
        return xml.buffer
    }
}
