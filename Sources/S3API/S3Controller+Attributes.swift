import HTTPTypes
import Hummingbird
import ObjectStore

/// GetObjectAttributes: `GET /<bucket>/<key>?attributes`.
extension S3Controller {
    /// GetObjectAttributes: the requested attributes from metadata alone (no KMS call, no blob read), with
    /// `Last-Modified`. `ObjectParts` pages with `x-amz-max-parts` and `x-amz-part-number-marker`.
    func getObjectAttributes(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let headers = call.request.headers
        let attributes = try ObjectAttributesXML.requested(headers)
        let paging = try ObjectAttributesXML.Paging(headers)
        _ = try GetObjectRequest(s3: headers, query: call.query, address: object, requester: call.requester)
        try await authorizeLegacyRead(object, call)
        let page = try await store.objectParts(
            bucket: object.bucket, key: object.key,
            maxParts: attributes.contains(.objectParts) ? paging.maxParts : 0, partNumberMarker: paging.marker)
        return .xml(
            ObjectAttributesXML.response(page, attributes, paging),
            headers: [.lastModified: HTTPDate.format(page.info.lastModified)])
    }
}
