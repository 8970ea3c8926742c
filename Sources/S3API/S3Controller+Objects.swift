import HTTPTypes
import Hummingbird
import NIOCore
import ObjectStore

/// Object operations: put, get, head, delete, and the static ACL answer.
extension S3Controller {
    /// PutObject: the body streams from the socket through the decoder and verifier into the store.
    func putObject(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let trailers = TrailerStore()
        let (body, length) = try call.body(trailers: trailers)
        let request = try PutObjectRequest(
            s3: call.request.headers, address: object, requester: call.requester, trailers: trailers,
            declaredLength: length)
        if call.identity.lacksSigV4 {
            try await refuseKMSWithoutSigV4(destination: request.encryption, bucket: object.bucket, call)
        }
        let result = try await store.putObject(request, body: body)
        var headers: HTTPFields = [.eTag: result.etag]
        result.encryption.addHeaders(to: &headers, includeContext: true)
        ChecksumHeaders.add(result.checksums, to: &headers)
        return .empty(.ok, headers: headers)
    }

    /// GetObject: 200 or 206, the plaintext streamed as the store decrypts it.
    func getObject(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let request = try GetObjectRequest(
            s3: call.request.headers, query: call.query, address: object, requester: call.requester)
        try await authorizeLegacyRead(object, call)
        let result = try await store.getObject(request)
        var headers = result.info.responseHeaders(
            range: result.contentRange, query: call.query, checksumMode: Self.checksumMode(call))
        Self.addPartsCount(result.info, request, to: &headers)
        let length = result.contentRange.map { Int($0.upperBound - $0.lowerBound + 1) } ?? Int(result.info.size)
        headers[.contentLength] = String(length)
        let body = result.body
        return Response(
            status: result.contentRange == nil ? .ok : .partialContent, headers: headers,
            body: ResponseBody(contentLength: length) { writer in
                try await writer.write(body)
                try await writer.finish(nil)
            })
    }

    /// HeadObject: GetObject's headers from metadata alone (no KMS call, no blob read).
    func headObject(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let request = try GetObjectRequest(
            s3: call.request.headers, query: call.query, address: object, requester: call.requester)
        try await authorizeLegacyRead(object, call)
        let result = try await store.headObject(request)
        var headers = result.info.responseHeaders(
            range: result.contentRange, query: call.query, checksumMode: Self.checksumMode(call))
        Self.addPartsCount(result.info, request, to: &headers)
        let length = result.contentRange.map { $0.upperBound - $0.lowerBound + 1 } ?? result.info.size
        headers[.contentLength] = String(length)
        return .empty(result.contentRange == nil ? .ok : .partialContent, headers: headers)
    }

    /// DeleteObject: 204 whether or not the key existed.
    func deleteObject(_ object: ObjectAddress) async throws -> Response {
        try await store.deleteObject(bucket: object.bucket, key: object.key)
        return .empty(.noContent)
    }

    /// GetObjectAcl: the owner's full control plus what the stored canned ACL grants everyone.
    func getObjectACL(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        let info = try await store.headObject(
            GetObjectRequest(bucket: object.bucket, key: object.key, requester: call.requester)
        ).info
        return .xml(BucketXML.accessControlPolicy(owner: owner, cannedACL: info.metadata.cannedACL))
    }

    /// Writers without SigV4 may not create an SSE-KMS object (by header or bucket default), nor copy from one.
    func refuseKMSWithoutSigV4(
        destination encryption: EncryptionRequest, bucket: String, source: ObjectAddress? = nil, _ call: S3Call
    ) async throws {
        var algorithm = encryption.algorithm
        if algorithm == nil { algorithm = try await store.bucketEncryption(bucket).algorithm }
        if algorithm == .awsKMS { throw S3Error.kmsRequiresSigV4 }
        if let source { try await authorizeLegacyRead(source, call) }
    }

    /// Readers without SigV4: anonymous ones need a public ACL or a bucket policy for `*`, and nobody reaches an SSE-KMS object (as on AWS).
    ///
    /// A metadata read only; SigV4 requests skip it.
    func authorizeLegacyRead(_ object: ObjectAddress, _ call: S3Call) async throws {
        guard call.identity.lacksSigV4 else { return }
        let anonymous = call.identity.principal == nil
        let info: ObjectInfo
        do {
            info = try await store.headObject(
                GetObjectRequest(bucket: object.bucket, key: object.key, requester: call.requester)
            ).info
        } catch let error as ObjectStoreError where anonymous && !call.grantedByPolicy {
            throw error.kind == .noSuchKey || error.kind == .noSuchBucket ? S3Error.accessDenied() : error
        }
        if anonymous, !call.grantedByPolicy,
            !["public-read", "public-read-write"].contains(info.metadata.cannedACL ?? "")
        {
            throw S3Error.accessDenied()
        }
        if info.encryption.algorithm == .awsKMS { throw S3Error.kmsRequiresSigV4 }
    }

    /// `x-amz-mp-parts-count`: AWS sends it only to a `?partNumber=` request on a multipart object.
    private static func addPartsCount(_ info: ObjectInfo, _ request: GetObjectRequest, to headers: inout HTTPFields) {
        if request.partNumber != nil, let count = info.partsCount { headers[.amzMPPartsCount] = String(count) }
    }

    private static func checksumMode(_ call: S3Call) -> Bool {
        call.request.headers[.amzChecksumMode]?.uppercased() == "ENABLED"
    }
}
