import AccessPolicy
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import NIOCore
import ObjectStore

/// Bucket policies (`?policy`, `?policyStatus`) and Block Public Access (`?publicAccessBlock`).
extension S3Controller {
    /// GetBucketPolicy: the policy's JSON text as stored.
    func getBucketPolicy(_ bucket: String) async throws -> Response {
        guard let policy = try await store.bucketAccess(bucket).policy else { throw S3Error.noSuchBucketPolicy(bucket) }
        let headers: HTTPFields = [.contentType: "application/json"]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: policy)))
    }

    /// PutBucketPolicy: a policy S3 would accept (else `MalformedPolicy`), refused when public while the bucket's
    /// BlockPublicPolicy is on.
    func putBucketPolicy(_ bucket: String, _ call: S3Call) async throws -> Response {
        let access = try await store.bucketAccess(bucket)
        let body = try await call.controlBody()
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        let policy: BucketPolicy
        do {
            policy = try BucketPolicy(data: Data(body.readableBytesView), bucket: bucket)
        } catch {
            throw S3Error.malformedPolicy(error)
        }
        if policy.isPublic, access.publicAccessBlock?.blockPublicPolicy == true {
            throw S3Error.publicPolicyBlocked(call.identity.principal?.arn ?? "*", bucket: bucket)
        }
        try await store.putBucketPolicy(bucket, text)
        return .empty(.noContent)
    }

    /// DeleteBucketPolicy: idempotent.
    func deleteBucketPolicy(_ bucket: String) async throws -> Response {
        try await store.deleteBucketPolicy(bucket)
        return .empty(.noContent)
    }

    /// GetBucketPolicyStatus: whether the policy is public; `NoSuchBucketPolicy` without one.
    func getBucketPolicyStatus(_ bucket: String) async throws -> Response {
        guard let text = try await store.bucketAccess(bucket).policy else { throw S3Error.noSuchBucketPolicy(bucket) }
        guard let policy = policies.policy(text, bucket: bucket) else { throw S3Error.internalError }
        return .xml(PublicAccessBlockXML.policyStatus(isPublic: policy.isPublic))
    }

    /// GetPublicAccessBlock: the four settings; `NoSuchPublicAccessBlockConfiguration` when never set.
    func getPublicAccessBlock(_ bucket: String) async throws -> Response {
        guard let block = try await store.bucketAccess(bucket).publicAccessBlock else {
            throw S3Error.noSuchPublicAccessBlockConfiguration(bucket)
        }
        return .xml(PublicAccessBlockXML.encode(block))
    }

    /// PutPublicAccessBlock: replaces the four settings.
    func putPublicAccessBlock(_ bucket: String, _ call: S3Call) async throws -> Response {
        _ = try await store.headBucket(bucket)
        let block = try PublicAccessBlockXML.parse(try await call.controlBody())
        try await store.putPublicAccessBlock(bucket, block)
        return .empty(.ok)
    }

    /// DeletePublicAccessBlock: idempotent.
    func deletePublicAccessBlock(_ bucket: String) async throws -> Response {
        try await store.deletePublicAccessBlock(bucket)
        return .empty(.noContent)
    }
}
