import HTTPTypes

/// An object named by a path-style request: `/<bucket>/<key>`.
struct ObjectAddress: Sendable, Equatable {
    let bucket: String
    let key: String
}

/// Every S3 operation this layer serves, with the resource it addresses.
///
/// Requests that share a method and path are told apart by their sub-resource (`?location`, `?encryption`,
/// `?delete`, `?list-type=2` …). ``parse(method:path:query:headers:)`` is the one place that decides.
enum S3Operation: Sendable, Equatable {
    case listBuckets
    case createBucket(String)
    case headBucket(String)
    case deleteBucket(String)
    case getBucketLocation(String)
    case getBucketEncryption(String)
    case putBucketEncryption(String)
    case deleteBucketEncryption(String)
    case getBucketACL(String)
    case getBucketVersioning(String)
    case getBucketPolicy(String)
    case putBucketPolicy(String)
    case deleteBucketPolicy(String)
    case getBucketPolicyStatus(String)
    case getPublicAccessBlock(String)
    case putPublicAccessBlock(String)
    case deletePublicAccessBlock(String)
    case listObjects(String)
    case listObjectsV2(String)
    case listObjectVersions(String)
    case deleteObjects(String)
    /// A browser upload: `POST /<bucket>` with a `multipart/form-data` body whose fields name the key and carry
    /// the signature (``PostUpload``).
    case postObject(String)
    case putObject(ObjectAddress)
    case getObject(ObjectAddress)
    case headObject(ObjectAddress)
    case deleteObject(ObjectAddress)
    case getObjectACL(ObjectAddress)
    case createMultipartUpload(ObjectAddress)
    case uploadPart(ObjectAddress)
    /// UploadPartCopy: a PUT with `?partNumber&uploadId` and `x-amz-copy-source`.
    case uploadPartCopy(source: ObjectAddress, destination: ObjectAddress)
    case completeMultipartUpload(ObjectAddress)
    case abortMultipartUpload(ObjectAddress)
    case listParts(ObjectAddress)
    case listMultipartUploads(String)
    /// CopyObject: a PUT with `x-amz-copy-source` (without `?partNumber&uploadId`).
    case copyObject(source: ObjectAddress, destination: ObjectAddress)
    /// GetObjectAttributes: `GET /<bucket>/<key>?attributes`.
    case getObjectAttributes(ObjectAddress)
    /// A request refused while routing, e.g. a malformed `x-amz-copy-source`.
    case rejected(S3Error)
    /// A feature this server does not implement (501), named by its sub-resource or header.
    case notImplemented(String)
    /// A method the resource does not support (405).
    case methodNotAllowed(method: String, resourceType: String)

    /// Sub-resources of features not implemented yet: any request naming one answers 501 `NotImplemented`.
    static let unsupportedSubresources: Set<String> = [
        "accelerate", "analytics", "cors", "intelligent-tiering", "inventory", "legal-hold",
        "lifecycle", "logging", "metadataConfiguration", "metrics", "notification", "object-lock",
        "ownershipControls", "renameObject",
        "replication", "requestPayment", "restore", "retention", "select", "session", "tagging", "torrent",
        "website",
    ]

    /// The sub-resources ``parse(method:path:query:headers:)`` tells operations apart by (besides the 501 ones).
    /// SigV2 must sign each of them, or be refused for it (``S3Authenticator``).
    static let routingSubresources: Set<String> = [
        "acl", "attributes", "delete", "encryption", "location", "partNumber", "policy", "policyStatus",
        "publicAccessBlock", "uploadId", "uploads", "versioning", "versions",
    ]

    /// Decides the operation of a request from its method, decoded path, query and headers.
    static func parse(method: HTTPRequest.Method, path: S3Path, query: S3Query, headers: HTTPFields) -> S3Operation {
        guard let bucket = path.bucket else {
            return method == .get ? .listBuckets : .methodNotAllowed(method: method.rawValue, resourceType: "SERVICE")
        }
        if let unsupported = query.parameters.first(where: { unsupportedSubresources.contains($0.name) }) {
            return .notImplemented("?\(unsupported.name)")
        }
        guard let key = path.key else {
            return bucketOperation(method: method, bucket: bucket, query: query)
        }
        let object = ObjectAddress(bucket: bucket, key: key)
        if let multipart = multipartOperation(method: method, object: object, query: query, headers: headers) {
            return multipart
        }
        if query.contains("partNumber"), method != .get, method != .head { return .notImplemented("?partNumber") }
        switch method {
        case .get:
            if query.contains("attributes") { return .getObjectAttributes(object) }
            return query.contains("acl") ? .getObjectACL(object) : .getObject(object)
        case .head: return .headObject(object)
        case .put:
            if let source = headers[.amzCopySource] {
                do throws(S3Error) {
                    return .copyObject(source: try CopySource.address(source), destination: object)
                } catch {
                    return .rejected(error)
                }
            }
            return query.contains("acl") ? .notImplemented("?acl") : .putObject(object)
        case .delete: return .deleteObject(object)
        case .post: return .notImplemented("POST Object")
        default: return .methodNotAllowed(method: method.rawValue, resourceType: "OBJECT")
        }
    }

    /// The multipart operations on an object, told apart by `?uploads` and `?uploadId=`; nil for other requests.
    private static func multipartOperation(
        method: HTTPRequest.Method, object: ObjectAddress, query: S3Query, headers: HTTPFields
    ) -> S3Operation? {
        if query.contains("uploads") { return method == .post ? .createMultipartUpload(object) : nil }
        guard query.contains("uploadId") else { return nil }
        switch method {
        case .put:
            guard let source = headers[.amzCopySource] else { return .uploadPart(object) }
            do throws(S3Error) {
                return .uploadPartCopy(source: try CopySource.address(source), destination: object)
            } catch {
                return .rejected(error)
            }
        case .post: return .completeMultipartUpload(object)
        case .delete: return .abortMultipartUpload(object)
        case .get: return .listParts(object)
        default: return nil
        }
    }

    private static func bucketOperation(method: HTTPRequest.Method, bucket: String, query: S3Query) -> S3Operation {
        if let access = accessOperation(method: method, bucket: bucket, query: query) { return access }
        switch method {
        case .get:
            if query.contains("uploads") { return .listMultipartUploads(bucket) }
            if query.contains("location") { return .getBucketLocation(bucket) }
            if query.contains("encryption") { return .getBucketEncryption(bucket) }
            if query.contains("acl") { return .getBucketACL(bucket) }
            if query.contains("versioning") { return .getBucketVersioning(bucket) }
            if query.contains("versions") { return .listObjectVersions(bucket) }
            return query["list-type"] == "2" ? .listObjectsV2(bucket) : .listObjects(bucket)
        case .head: return .headBucket(bucket)
        case .put:
            if query.contains("encryption") { return .putBucketEncryption(bucket) }
            if let feature = ["acl", "versioning"].first(where: query.contains) {
                return .notImplemented("?\(feature)")
            }
            return .createBucket(bucket)
        case .delete:
            return query.contains("encryption") ? .deleteBucketEncryption(bucket) : .deleteBucket(bucket)
        case .post:
            return query.contains("delete") ? .deleteObjects(bucket) : .postObject(bucket)
        default:
            return .methodNotAllowed(method: method.rawValue, resourceType: "BUCKET")
        }
    }

    /// The bucket policy and Block Public Access operations (`?policy`, `?policyStatus`, `?publicAccessBlock`);
    /// nil for other requests.
    private static func accessOperation(method: HTTPRequest.Method, bucket: String, query: S3Query) -> S3Operation? {
        switch method {
        case .get:
            if query.contains("policyStatus") { return .getBucketPolicyStatus(bucket) }
            if query.contains("policy") { return .getBucketPolicy(bucket) }
            if query.contains("publicAccessBlock") { return .getPublicAccessBlock(bucket) }
        case .put:
            if query.contains("policy") { return .putBucketPolicy(bucket) }
            if query.contains("publicAccessBlock") { return .putPublicAccessBlock(bucket) }
        case .delete:
            if query.contains("policy") { return .deleteBucketPolicy(bucket) }
            if query.contains("publicAccessBlock") { return .deletePublicAccessBlock(bucket) }
        default:
            break
        }
        if let name = ["policyStatus", "policy", "publicAccessBlock"].first(where: query.contains) {
            return .methodNotAllowed(method: method.rawValue, resourceType: name)
        }
        return nil
    }

    /// The operation's name, for logs and metrics.
    var name: String {
        switch self {
        case .listBuckets: "ListBuckets"
        case .createBucket: "CreateBucket"
        case .headBucket: "HeadBucket"
        case .deleteBucket: "DeleteBucket"
        case .getBucketLocation: "GetBucketLocation"
        case .getBucketEncryption: "GetBucketEncryption"
        case .putBucketEncryption: "PutBucketEncryption"
        case .deleteBucketEncryption: "DeleteBucketEncryption"
        case .getBucketACL: "GetBucketAcl"
        case .getBucketVersioning: "GetBucketVersioning"
        case .getBucketPolicy: "GetBucketPolicy"
        case .putBucketPolicy: "PutBucketPolicy"
        case .deleteBucketPolicy: "DeleteBucketPolicy"
        case .getBucketPolicyStatus: "GetBucketPolicyStatus"
        case .getPublicAccessBlock: "GetPublicAccessBlock"
        case .putPublicAccessBlock: "PutPublicAccessBlock"
        case .deletePublicAccessBlock: "DeletePublicAccessBlock"
        case .listObjects: "ListObjects"
        case .listObjectsV2: "ListObjectsV2"
        case .listObjectVersions: "ListObjectVersions"
        case .deleteObjects: "DeleteObjects"
        case .postObject: "PostObject"
        case .putObject: "PutObject"
        case .getObject: "GetObject"
        case .headObject: "HeadObject"
        case .deleteObject: "DeleteObject"
        case .getObjectACL: "GetObjectAcl"
        case .createMultipartUpload: "CreateMultipartUpload"
        case .uploadPart: "UploadPart"
        case .uploadPartCopy: "UploadPartCopy"
        case .completeMultipartUpload: "CompleteMultipartUpload"
        case .abortMultipartUpload: "AbortMultipartUpload"
        case .listParts: "ListParts"
        case .listMultipartUploads: "ListMultipartUploads"
        case .copyObject: "CopyObject"
        case .getObjectAttributes: "GetObjectAttributes"
        case .rejected: "Rejected"
        case .notImplemented: "NotImplemented"
        case .methodNotAllowed: "MethodNotAllowed"
        }
    }

    /// GetBucketPolicy, PutBucketPolicy and DeleteBucketPolicy: the bucket owner's root user may always call them.
    var managesBucketPolicy: Bool {
        switch self {
        case .getBucketPolicy, .putBucketPolicy, .deleteBucketPolicy: true
        default: false
        }
    }

    /// Whether an anonymous request may attempt it without a bucket policy (an object ACL then decides; a POST
    /// upload is signed in its form, not its headers).
    var allowsAnonymous: Bool {
        switch self {
        case .getObject, .headObject, .postObject: true
        default: false
        }
    }
}
