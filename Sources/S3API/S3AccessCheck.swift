public import AccessPolicy
public import HTTPSupport
import HTTPTypes
public import ObjectStore

/// The decision on `s3:GetObject` by an authenticated principal, made as the S3 routes make it: the bucket's policy
/// (with Block Public Access's RestrictPublicBuckets) and the principal's IAM policies together, an explicit deny
/// winning (`S3Controller+Authorization.swift`).
///
/// Public so that routes outside the S3 API that reveal S3 data (the console's object envelope) cannot be used to
/// read what a bucket policy denies.
public enum S3AccessCheck {
    /// nil when `principal` may get `key` of `bucket`; otherwise AWS's `AccessDenied` message. A bucket that does not
    /// exist has no policy: the caller then answers `NoSuchBucket` from its own read.
    public static func deniedGetObjectMessage(
        principal: Principal, bucket: String, key: String, accountId: String, store: ObjectStore,
        context: CofferRequestContext
    ) async throws -> String? {
        let access: BucketAccess?
        do {
            access = try await store.bucketAccess(bucket)
        } catch let error as ObjectStoreError where error.kind == .noSuchBucket {
            access = nil
        }
        let object = ObjectAddress(bucket: bucket, key: key)
        let request = AccessRequest(
            principal: principal.reference, action: "s3:GetObject",
            resource: S3Controller.objectArn(object), resourceAccount: accountId,
            context: S3RequestConditions.context(
                .getObject(object), headers: [:], query: S3Query(parameters: []), context: context))
        let decision = PolicyEvaluator.evaluateBucket(
            request: request, bucketPolicy: access?.policy.flatMap { try? BucketPolicy(json: $0, bucket: bucket) },
            identityPolicies: principal.identityPolicies,
            restrictPublicBuckets: access?.publicAccessBlock?.restrictPublicBuckets ?? false)
        return decision.isAllowed ? nil : decision.accessDeniedMessage(for: request) ?? "Access Denied"
    }
}
