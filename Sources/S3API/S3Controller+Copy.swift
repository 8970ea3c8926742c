import HTTPTypes
import Hummingbird
import ObjectStore

/// CopyObject: `PUT /<bucket>/<key>` with `x-amz-copy-source`.
extension S3Controller {
    /// CopyObject: the store decrypts the source on the requester's behalf and streams it into a new object
    /// encrypted as the copy request (or the destination bucket's default) says. 200 with `<CopyObjectResult>` and
    /// the new object's SSE headers.
    func copyObject(to destination: ObjectAddress, _ call: S3Call) async throws -> Response {
        let request = try CopyObjectRequest(
            s3: call.request.headers, destination: destination, requester: call.requester)
        if call.identity.lacksSigV4 {
            try await refuseKMSWithoutSigV4(
                destination: request.encryption, bucket: destination.bucket,
                source: ObjectAddress(bucket: request.source.bucket, key: request.source.key), call)
        }
        let result = try await store.copyObject(request)
        var headers: HTTPFields = [:]
        result.encryption.addHeaders(to: &headers, includeContext: true)
        return .xml(CopyXML.result(result), headers: headers)
    }
}
