import NIOCore
import ObjectStore

/// The answers of ListObjects (v1), ListObjectsV2 and ListObjectVersions.
enum ListingXML {
    /// `<ListBucketResult>` (v1 and v2) or `<ListVersionsResult>`.
    static func encode(
        bucket: String, parameters: ListParameters, result: ListObjectsResult, owner: S3Owner
    ) -> ByteBuffer {
        var xml = XMLWriter()
        let root = parameters.version == .versions ? "ListVersionsResult" : "ListBucketResult"
        xml.open(root, namespaced: true)
        xml.element("Name", bucket)
        xml.element("Prefix", parameters.encode(parameters.request.prefix))
        writePosition(&xml, parameters, result)
        xml.element("MaxKeys", parameters.request.maxKeys)
        if let delimiter = parameters.request.delimiter { xml.element("Delimiter", parameters.encode(delimiter)) }
        if parameters.encodeURL { xml.element("EncodingType", "url") }
        xml.element("IsTruncated", result.isTruncated)
        for object in result.objects {
            writeObject(&xml, object, parameters, owner)
        }
        for prefix in result.commonPrefixes {
            xml.open("CommonPrefixes")
            xml.element("Prefix", parameters.encode(prefix))
            xml.close("CommonPrefixes")
        }
        xml.close(root)
        return xml.buffer
    }

    /// Where the page starts and where the next one does, in each version's vocabulary.
    private static func writePosition(_ xml: inout XMLWriter, _ parameters: ListParameters, _ result: ListObjectsResult)
    {
        let request = parameters.request
        switch parameters.version {
        case .v1:
            xml.element("Marker", parameters.encode(request.marker ?? ""))
            if let next = result.nextMarker { xml.element("NextMarker", parameters.encode(next)) }
        case .v2:
            if let startAfter = request.startAfter { xml.element("StartAfter", parameters.encode(startAfter)) }
            xml.element("ContinuationToken", ifPresent: request.continuationToken)
            xml.element("NextContinuationToken", ifPresent: result.nextContinuationToken)
            xml.element("KeyCount", result.objects.count + result.commonPrefixes.count)
        case .versions:
            xml.element("KeyMarker", parameters.encode(request.marker ?? ""))
            xml.element("VersionIdMarker", "")
            if let next = result.nextMarker {
                xml.element("NextKeyMarker", parameters.encode(next))
                xml.element("NextVersionIdMarker", "null")
            }
        }
    }

    private static func writeObject(
        _ xml: inout XMLWriter, _ object: ObjectSummary, _ parameters: ListParameters, _ owner: S3Owner
    ) {
        let element = parameters.version == .versions ? "Version" : "Contents"
        xml.open(element)
        xml.element("Key", parameters.encode(object.key))
        if parameters.version == .versions {
            xml.element("VersionId", "null")
            xml.element("IsLatest", true)
        }
        xml.element("LastModified", ISO8601Timestamp.format(object.lastModified))
        xml.element("ETag", object.etag)
        for algorithm in object.checksumAlgorithms { xml.element("ChecksumAlgorithm", algorithm.rawValue) }
        xml.element("Size", object.size)
        xml.element("StorageClass", "STANDARD")
        if parameters.fetchOwner { owner.write(to: &xml) }
        xml.close(element)
    }
}
