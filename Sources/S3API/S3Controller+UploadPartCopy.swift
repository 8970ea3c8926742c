import HTTPTypes
import Hummingbird
import ObjectStore

extension S3Controller {
    /// UploadPartCopy: a part from a range of another object (`x-amz-copy-source`, `x-amz-copy-source-range`,
    /// `x-amz-copy-source-if-*`), streamed and re-encrypted under the upload's part key; answers `<CopyPartResult>`.
    func uploadPartCopy(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let partNumber = try call.partNumber()
        let source = try CopySource(headers: call.request.headers, allowsRange: true)
        if call.identity.lacksSigV4 {
            try await refuseKMSWithoutSigV4(
                destination: EncryptionRequest(), bucket: object.bucket, source: source.address, call)
        }
        let result = try await store.uploadPartCopy(
            call.upload(object), partNumber: partNumber, source: source.request, requester: call.requester)
        var headers: HTTPFields = [.contentType: "application/xml"]
        result.encryption.addHeaders(to: &headers, includeContext: false)
        let body = MultipartXML.copyPartResult(result.part)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
