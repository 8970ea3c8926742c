import HTTPSupport
import HTTPTypes
import Hummingbird
import NIOCore
import ObjectStore
import TextCodings

/// Multipart upload: create, upload part, complete, abort, and the two listings (UploadPartCopy is in
/// `S3Controller+UploadPartCopy.swift`).
extension S3Controller {
    /// CreateMultipartUpload: the encryption is decided (and the data key generated) now.
    func createMultipartUpload(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let request = try CreateMultipartUploadRequest(
            s3: call.request.headers, address: object, requester: call.requester)
        if call.identity.lacksSigV4 {
            try await refuseKMSWithoutSigV4(destination: request.encryption, bucket: object.bucket, call)
        }
        let upload = try await store.createMultipartUpload(request)
        var headers: HTTPFields = [.contentType: "application/xml"]
        upload.encryption.addHeaders(to: &headers, includeContext: true)
        if let checksum = upload.checksum {
            headers[.amzChecksumAlgorithm] = checksum.algorithm.rawValue
            headers[.amzChecksumType] = checksum.type.rawValue
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: MultipartXML.initiated(upload)))
    }

    /// UploadPart: the body streams into a new part blob, like a PutObject body.
    func uploadPart(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let partNumber = try call.partNumber()
        let trailers = TrailerStore()
        let (body, length) = try call.body(trailers: trailers)
        let request = UploadPartRequest(
            upload: call.upload(object), partNumber: partNumber, contentMD5: call.request.headers[.contentMD5],
            checksums: ChecksumHeaders.requests(call.request.headers, trailers: trailers), contentLength: length,
            requester: call.requester)
        return Self.partResponse(try await store.uploadPart(request, body: body))
    }

    /// The answer of UploadPart: the part's ETag, its checksums and the upload's SSE headers.
    static func partResponse(_ result: UploadPartResult) -> Response {
        var headers: HTTPFields = [.eTag: result.part.etag]
        result.encryption.addHeaders(to: &headers, includeContext: false)
        ChecksumHeaders.add(result.part.checksums, to: &headers)
        return .empty(.ok, headers: headers)
    }

    /// CompleteMultipartUpload: the XML part list, with `If-Match` / `If-None-Match` as write conditions.
    func completeMultipartUpload(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let parts = try MultipartXML.parseCompletion(try await call.controlBody())
        let upload = call.upload(object)
        let headers = call.request.headers
        let result = try await store.completeMultipartUpload(
            CompleteMultipartUploadRequest(
                upload: upload, parts: parts,
                conditions: try WriteConditions(s3: headers),
                requester: call.requester))
        var fields: HTTPFields = [.contentType: "application/xml"]
        result.encryption.addHeaders(to: &fields, includeContext: false)
        let host = call.request.head.authority ?? "localhost"
        let scheme = call.context.isSecureTransport ? "https" : "http"
        let location =
            "\(scheme)://\(host)/\(object.bucket)/\(PercentEncoding.encode(object.key.utf8, keepSlash: true))"
        let body = MultipartXML.completed(result, upload: upload, location: location)
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: body))
    }

    /// AbortMultipartUpload: 204, the parts gone at once.
    func abortMultipartUpload(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        try await store.abortMultipartUpload(call.upload(object))
        return .empty(.noContent)
    }

    /// ListParts: `max-parts` (at most 1,000) after `part-number-marker`.
    func listParts(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let maxParts = min(try call.count("max-parts", fallback: 1000), 1000)
        let marker = try call.count("part-number-marker", fallback: 0)
        let result = try await store.listParts(call.upload(object), maxParts: maxParts, partNumberMarker: marker)
        return .xml(MultipartXML.parts(result, maxParts: maxParts, marker: marker, owner: owner))
    }

    /// ListMultipartUploads: prefix, delimiter, `key-marker`, `upload-id-marker`, `max-uploads`, `encoding-type`.
    func listMultipartUploads(_ bucket: String, _ call: S3Call) async throws -> Response {
        let query = call.query
        if let encoding = query["encoding-type"], encoding != "url" {
            throw S3Error.invalidArgument(
                "Invalid Encoding Method specified in Request", name: "encoding-type", value: encoding)
        }
        let request = ListUploadsRequest(
            prefix: query["prefix"] ?? "", delimiter: query["delimiter"].flatMap { $0.isEmpty ? nil : $0 },
            keyMarker: query["key-marker"], uploadIdMarker: query["upload-id-marker"],
            maxUploads: min(try call.count("max-uploads", fallback: 1000), 1000))
        let result = try await store.listMultipartUploads(bucket: bucket, request)
        return .xml(
            MultipartXML.uploads(
                result, request: request, bucket: bucket, encodeURL: query["encoding-type"] == "url", owner: owner))
    }
}
