import HTTPTypes
import Hummingbird
import ObjectStore

/// Bucket operations: create, head, delete, list, location, default encryption, static ACL and versioning answers.
extension S3Controller {
    func listBuckets(_ call: S3Call) async throws -> Response {
        .xml(BucketXML.listAllMyBuckets(try await store.listBuckets(), owner: owner))
    }

    /// CreateBucket, with an optional `<CreateBucketConfiguration>` naming this server's region.
    func createBucket(_ bucket: String, _ call: S3Call) async throws -> Response {
        _ = try ObjectMetadata.cannedACL(call.request.headers)
        let constraint = try BucketXML.locationConstraint(createBucketConfiguration: try await call.controlBody())
        if let constraint = constraint?.trimmed, !constraint.isEmpty, constraint != region {
            throw S3Error(
                "IllegalLocationConstraintException", .badRequest,
                "The \(constraint) location constraint is incompatible for the region specific endpoint this "
                    + "request was sent to.")
        }
        try await store.createBucket(bucket)
        return .empty(.ok, headers: [.location: "/\(bucket)"])
    }

    func headBucket(_ bucket: String) async throws -> Response {
        let info = try await store.headBucket(bucket)
        return .empty(.ok, headers: [.amzBucketRegion: info.region])
    }

    func deleteBucket(_ bucket: String) async throws -> Response {
        try await store.deleteBucket(bucket)
        return .empty(.noContent)
    }

    func getBucketLocation(_ bucket: String) async throws -> Response {
        .xml(BucketXML.locationConstraint(try await store.bucketRegion(bucket)))
    }

    func getBucketEncryption(_ bucket: String) async throws -> Response {
        .xml(EncryptionXML.encode(try await store.bucketEncryption(bucket)))
    }

    func putBucketEncryption(_ bucket: String, _ call: S3Call) async throws -> Response {
        _ = try await store.headBucket(bucket)
        let encryption = try EncryptionXML.parse(try await call.controlBody())
        try await store.putBucketEncryption(bucket, encryption)
        return .empty(.ok)
    }

    func deleteBucketEncryption(_ bucket: String) async throws -> Response {
        try await store.deleteBucketEncryption(bucket)
        return .empty(.noContent)
    }

    /// GetBucketAcl: bucket ACLs are not stored; the owner has full control.
    func getBucketACL(_ bucket: String) async throws -> Response {
        _ = try await store.headBucket(bucket)
        return .xml(BucketXML.accessControlPolicy(owner: owner, cannedACL: nil))
    }

    /// GetBucketVersioning: buckets are never versioned.
    func getBucketVersioning(_ bucket: String) async throws -> Response {
        _ = try await store.headBucket(bucket)
        return .xml(BucketXML.versioningConfiguration())
    }

    /// ListObjects (v1), ListObjectsV2 and ListObjectVersions of an unversioned bucket.
    func listObjects(_ bucket: String, _ call: S3Call, version: ListParameters.Version) async throws -> Response {
        let parameters = try ListParameters(query: call.query, version: version)
        let result = try await store.listObjects(bucket: bucket, parameters.request)
        return .xml(ListingXML.encode(bucket: bucket, parameters: parameters, result: result, owner: owner))
    }

    /// DeleteObjects: every key in one transaction; keys naming a version other than `null` are refused.
    func deleteObjects(_ bucket: String, _ call: S3Call) async throws -> Response {
        let request = try DeleteXML.parse(try await call.controlBody())
        try await store.deleteObjects(bucket: bucket, keys: request.keys.filter { !request.badVersions.contains($0) })
        return .xml(DeleteXML.result(request))
    }
}
