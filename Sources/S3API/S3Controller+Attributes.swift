import HTTPTypes
import Hummingbird
import ObjectStore

/// GetObjectAttributes: `GET /<bucket>/<key>?attributes`.
extension S3Controller {
    /// GetObjectAttributes: the requested attributes from metadata alone (no KMS call, no blob read), with
    /// `Last-Modified`.
    func getObjectAttributes(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let attributes = try ObjectAttributesXML.requested(call.request.headers)
        var request = try GetObjectRequest(
            s3: call.request.headers, query: call.query, address: object, requester: call.requester)
        request.range = nil
        request.partNumber = nil
        request.conditions = ObjectConditions()
        try await authorizeLegacyRead(object, call)
        let info = try await store.headObject(request).info
        return .xml(
            ObjectAttributesXML.response(info, attributes),
            headers: [.lastModified: HTTPDate.format(info.lastModified)])
    }
}
