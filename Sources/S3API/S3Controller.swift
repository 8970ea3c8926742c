public import HTTPSupport
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
public import ObjectStore

/// The S3 REST API, path-style: `/`, `/<bucket>` and `/<bucket>/<key>` on the server's port; with a
/// `virtualHostDomain`, also virtual-hosted style (`Host: <bucket>.<domain>`, path `/<key>`).
///
/// Each request is routed to an ``S3Operation`` in one function, authenticated (SigV4, SigV2 or anonymous),
/// and dispatched to a handler that decodes headers or XML, calls one ``ObjectStore`` method and encodes the
/// answer. Failures are thrown and rendered by ``S3ErrorMiddleware``.
public struct S3Controller: Sendable {
    let store: ObjectStore
    let authenticator: S3Authenticator
    let owner: S3Owner
    let accountId: String
    let region: String
    let metrics: S3Metrics
    /// Compiled bucket policies, keyed by the stored text.
    let policies = BucketPolicyCache()
    /// The domain under which `<bucket>.<domain>` hosts address buckets; nil for path-style only.
    let virtualHostDomain: String?

    /// Creates the controller over the object store.
    /// - Parameters:
    ///   - region: the region GetBucketLocation and HeadBucket report.
    ///   - accountId: the account that owns every bucket (the `Owner` of listings).
    ///   - virtualHostDomain: lower case, no leading or trailing dot; `<bucket>.<domain>` hosts then address
    ///     buckets (virtual-hosted style). `POST /` stays the KMS API's, so virtual-hosted DeleteObjects
    ///     (`POST /?delete`) is not routed; path-style always works.
    public init(
        store: ObjectStore, authenticator: S3Authenticator, region: String, accountId: String,
        virtualHostDomain: String? = nil
    ) {
        self.store = store
        self.authenticator = authenticator
        self.owner = S3Owner(accountId: accountId)
        self.accountId = accountId
        self.region = region
        self.metrics = S3Metrics()
        self.virtualHostDomain = virtualHostDomain
    }

    /// Registers the S3 routes with ``S3ErrorMiddleware`` outermost. `POST /` is left to the KMS API.
    public func addRoutes(to router: Router<CofferRequestContext>) {
        let group = router.group().add(middleware: S3ErrorMiddleware())
        for method: HTTPRequest.Method in [.get, .head, .put, .delete] {
            group.on("/", method: method, use: self.handle)
        }
        for path: RouterPath in ["/:bucket", "/:bucket/**"] {
            for method: HTTPRequest.Method in [.get, .head, .put, .delete, .post] {
                group.on(path, method: method, use: self.handle)
            }
        }
    }

    /// Routes, authenticates and dispatches one S3 request, and counts it with its status in ``S3Metrics``.
    @Sendable func handle(_ request: Request, context: CofferRequestContext) async throws -> Response {
        let path = S3Path(raw: request.uri.path[...], host: request.head.authority, domain: virtualHostDomain)
        let query = S3Query(raw: request.uri.query?[...])
        let operation = S3Operation.parse(method: request.method, path: path, query: query, headers: request.headers)
        do {
            let virtualHostBucket = S3Path.virtualHostBucket(
                authority: request.head.authority, domain: virtualHostDomain)
            let response = try await serve(operation, request, context, query, virtualHostBucket)
            metrics.record(operation, request: request, response: response)
            return response
        } catch {
            metrics.record(operation, request: request, failure: error)
            throw error
        }
    }

    /// Authenticates and dispatches one routed S3 request.
    private func serve(
        _ operation: S3Operation, _ request: Request, _ context: CofferRequestContext, _ query: S3Query,
        _ virtualHostBucket: String?
    ) async throws -> Response {
        if case .postObject(let bucket) = operation { return try await postObject(bucket, request, context, query) }
        let identity = try authenticator.authenticate(request, query: query, virtualHostBucket: virtualHostBucket)
        Self.trace(operation, identity)
        if let owner = request.headers[.amzExpectedBucketOwner], owner != accountId { throw S3Error.accessDenied() }
        let grantedByPolicy = try await authorize(operation, identity, request, query, context)
        context.logger.debug("S3 request", metadata: ["s3.operation": "\(operation.name)"])
        let call = S3Call(
            request: request, context: context, query: query, identity: identity, grantedByPolicy: grantedByPolicy)
        return try await dispatch(operation, call)
    }

    private func dispatch(_ operation: S3Operation, _ call: S3Call) async throws -> Response {
        switch operation {
        case .listBuckets: try await listBuckets(call)
        case .createBucket(let bucket): try await createBucket(bucket, call)
        case .headBucket(let bucket): try await headBucket(bucket)
        case .deleteBucket(let bucket): try await deleteBucket(bucket)
        case .getBucketLocation(let bucket): try await getBucketLocation(bucket)
        case .getBucketEncryption(let bucket): try await getBucketEncryption(bucket)
        case .putBucketEncryption(let bucket): try await putBucketEncryption(bucket, call)
        case .deleteBucketEncryption(let bucket): try await deleteBucketEncryption(bucket)
        case .getBucketACL(let bucket): try await getBucketACL(bucket)
        case .getBucketVersioning(let bucket): try await getBucketVersioning(bucket)
        case .getBucketPolicy(let bucket): try await getBucketPolicy(bucket)
        case .putBucketPolicy(let bucket): try await putBucketPolicy(bucket, call)
        case .deleteBucketPolicy(let bucket): try await deleteBucketPolicy(bucket)
        case .getBucketPolicyStatus(let bucket): try await getBucketPolicyStatus(bucket)
        case .getPublicAccessBlock(let bucket): try await getPublicAccessBlock(bucket)
        case .putPublicAccessBlock(let bucket): try await putPublicAccessBlock(bucket, call)
        case .deletePublicAccessBlock(let bucket): try await deletePublicAccessBlock(bucket)
        case .listObjects(let bucket): try await listObjects(bucket, call, version: .v1)
        case .listObjectsV2(let bucket): try await listObjects(bucket, call, version: .v2)
        case .listObjectVersions(let bucket): try await listObjects(bucket, call, version: .versions)
        case .deleteObjects(let bucket): try await deleteObjects(bucket, call)
        case .postObject(let bucket): try await postObject(bucket, call.request, call.context, call.query)
        case .putObject(let object): try await putObject(object, call)
        case .getObject(let object): try await getObject(object, call)
        case .headObject(let object): try await headObject(object, call)
        case .deleteObject(let object): try await deleteObject(object)
        case .getObjectACL(let object): try await getObjectACL(object, call)
        case .createMultipartUpload(let object): try await createMultipartUpload(object, call)
        case .uploadPart(let object): try await uploadPart(object, call)
        case .uploadPartCopy(_, let object): try await uploadPartCopy(object, call)
        case .completeMultipartUpload(let object): try await completeMultipartUpload(object, call)
        case .abortMultipartUpload(let object): try await abortMultipartUpload(object, call)
        case .listParts(let object): try await listParts(object, call)
        case .listMultipartUploads(let bucket): try await listMultipartUploads(bucket, call)
        case .copyObject(_, let destination): try await copyObject(to: destination, call)
        case .getObjectAttributes(let object): try await getObjectAttributes(object, call)
        case .rejected(let error): throw error
        case .notImplemented(let feature): throw S3Error.notImplemented(feature)
        case .methodNotAllowed(let method, let resourceType):
            throw S3Error.methodNotAllowed(method, resourceType: resourceType)
        }
    }
}

extension Response {
    /// A 200 with an XML document, and any extra headers.
    static func xml(_ body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/xml"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// An answer without a body.
    static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        Response(status: status, headers: headers, body: ResponseBody())
    }
}
