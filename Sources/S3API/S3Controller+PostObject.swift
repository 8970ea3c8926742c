import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import NIOCore
import ObjectStore
import TextCodings

/// Browser POST uploads (S3 "POST Object"): `POST /<bucket>` with a `multipart/form-data` body.
///
/// The fields before the file are read (20 KiB at most), their signature verified, the policy checked, and
/// `s3:PutObject` on the key authorized as for a PUT; then the file part streams into the store through the same
/// `putObject` as PutObject, never buffered.
extension S3Controller {
    /// PostObject: 204 by default, 200 or 201 (`PostResponse`) on request, or 303 to `success_action_redirect`.
    func postObject(
        _ bucket: String, _ request: Request, _ context: CofferRequestContext, _ query: S3Query
    ) async throws -> Response {
        let boundary = try Self.formBoundary(request.headers[.contentType])
        if let owner = request.headers[.amzExpectedBucketOwner], owner != accountId { throw S3Error.accessDenied() }
        context.continueIfExpected(request)
        var reader = PostFormReader(base: request.body.makeAsyncIterator(), boundary: boundary)
        let form = try await reader.readFields()
        let identity = try authenticator.authenticate(post: form)
        // A signed form must carry a policy; an anonymous one may (a bucket policy then decides alone).
        let policy =
            identity.principal == nil && form["policy"] == nil ? nil : try PostPolicy(base64: form["policy"] ?? "")
        try policy?.check(form, bucket: bucket, now: Date())
        let upload = try PostUpload(form: form)
        let object = ObjectAddress(bucket: bucket, key: upload.key)
        // An anonymous POST needs a bucket policy that lets `*` put the key, as on AWS.
        _ = try await authorize(.putObject(object), identity, request, query, context, headers: upload.headers)
        let call = S3Call(request: request, context: context, query: query, identity: identity)
        let put = try PutObjectRequest(
            s3: upload.headers, address: object, requester: call.requester, trailers: TrailerStore(),
            declaredLength: nil)
        if identity.lacksSigV4 { try await refuseKMSWithoutSigV4(destination: put.encryption, bucket: bucket, call) }
        let body = PostFileBody(reader: reader, range: policy?.contentLengthRange)
        let result = try await store.putObject(put, body: body)
        return postAnswer(upload, object, result, request, context)
    }

    /// The `boundary` of a `multipart/form-data` content type.
    /// - Throws: 412 `PreconditionFailed` for another content type (AWS's answer), `MalformedPOSTRequest` without a
    ///   boundary.
    static func formBoundary(_ contentType: String?) throws(S3Error) -> String {
        let parts = (contentType ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else {
            throw S3Error(
                "PreconditionFailed", .preconditionFailed,
                "Bucket POST must be of the enclosure-type multipart/form-data"
            ).with("Condition", "Bucket POST must be of the enclosure-type multipart/form-data")
        }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = part.dropFirst("boundary=".count)
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            guard (1...70).contains(value.utf8.count) else { break }
            return String(value)
        }
        throw S3Error.malformedPOSTRequest
    }

    private func postAnswer(
        _ upload: PostUpload, _ object: ObjectAddress, _ result: PutObjectResult, _ request: Request,
        _ context: CofferRequestContext
    ) -> Response {
        let location = Self.objectURL(object, request: request, context: context)
        var headers: HTTPFields = [.eTag: result.etag, .location: location]
        result.encryption.addHeaders(to: &headers, includeContext: true)
        switch upload.answer {
        case .redirect(let target):
            headers[.location] = PostUpload.redirectLocation(
                target, bucket: object.bucket, key: object.key, etag: result.etag)
            return .empty(.seeOther, headers: headers)
        case .status(.created):
            return .xml(
                PostXML.response(location: location, object: object, etag: result.etag), status: .created,
                headers: headers)
        case .status(let status):
            return .empty(status, headers: headers)
        }
    }

    /// The object's URL as the client addressed the server (path style).
    static func objectURL(_ object: ObjectAddress, request: Request, context: CofferRequestContext) -> String {
        let scheme = context.isSecureTransport ? "https" : "http"
        let host = request.head.authority ?? "localhost"
        let path = [object.bucket, object.key].map { PercentEncoding.encode($0.utf8, keepSlash: true) }
        return "\(scheme)://\(host)/\(path.joined(separator: "/"))"
    }
}

/// The `<PostResponse>` of a POST upload answered with `success_action_status=201`.
enum PostXML {
    static func response(location: String, object: ObjectAddress, etag: String) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("PostResponse")
        xml.element("Location", location)
        xml.element("Bucket", object.bucket)
        xml.element("Key", object.key)
        xml.element("ETag", etag)
        xml.close("PostResponse")
        return xml.buffer
    }
}
