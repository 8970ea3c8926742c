import AccessPolicy
import HTTPSupport
import Hummingbird
import ObjectStore

/// Which IAM action each S3 operation needs, on which resource, and the decision on it by the bucket policy and the
/// caller's IAM policies together (``PolicyEvaluator/evaluateBucket(request:bucketPolicy:identityPolicies:restrictPublicBuckets:)``).
///
/// Buckets belong to the server's account. Without a bucket policy, the account's root user may do everything, an
/// IAM user what its policy allows, and other accounts and anonymous callers nothing (anonymous GET and HEAD are
/// then left to the object's ACL). A bucket policy can allow other accounts and `*`, and deny anyone, the root user
/// included, except that the root user can always read, replace and delete the policy. The KMS calls an operation
/// makes are authorized separately, by the key service, on the requester's behalf.
extension S3Controller {
    /// Throws `AccessDenied` (403) with AWS's message unless the caller may perform `operation`. Returns whether a
    /// bucket policy granted an anonymous caller access (the object ACL check is then skipped).
    ///
    /// `headers` are the request's own unless given: a POST upload's SSE fields are in its form (``PostUpload``).
    func authorize(
        _ operation: S3Operation, _ identity: S3Identity, _ request: Request, _ query: S3Query,
        _ context: CofferRequestContext, headers: HTTPFields? = nil
    ) async throws -> Bool {
        let principal = identity.principal?.reference ?? .anonymous
        let identityPolicies = identity.principal?.identityPolicies ?? []
        let actions = Self.iamActions(of: operation)
        if actions.isEmpty, principal.isAnonymous, !operation.allowsAnonymous { throw S3Error.accessDenied() }
        var conditions: [String: ConditionValue]?
        var grantedByPolicy = principal.isAnonymous
        for (action, resource) in actions {
            let (policy, restrict) = try await bucketPolicy(of: resource, operation, principal)
            if policy != nil || !identityPolicies.isEmpty, conditions == nil {
                conditions = S3RequestConditions.context(
                    operation, headers: headers ?? request.headers, query: query, context: context)
            }
            let accessRequest = AccessRequest(
                principal: principal, action: action, resource: resource, resourceAccount: accountId,
                context: conditions ?? [:])
            let decision = PolicyEvaluator.evaluateBucket(
                request: accessRequest, bucketPolicy: policy, identityPolicies: identityPolicies,
                restrictPublicBuckets: restrict)
            if decision.isAllowed { continue }
            if principal.isAnonymous, operation.allowsAnonymous, case .implicitDeny = decision {
                grantedByPolicy = false
                continue
            }
            if principal.isAnonymous { throw S3Error.accessDenied() }
            throw S3Error.accessDenied(decision.accessDeniedMessage(for: accessRequest) ?? "Access Denied")
        }
        return grantedByPolicy && !actions.isEmpty
    }

    /// The compiled policy of the bucket `resource` lies in, and its RestrictPublicBuckets setting; none for a
    /// resource outside a bucket, a bucket that does not exist (the handler answers `NoSuchBucket`), and the bucket
    /// account's root user managing the policy (it can always fix a policy that locks everyone out, as on AWS).
    private func bucketPolicy(
        of resource: String, _ operation: S3Operation, _ principal: PrincipalRef
    ) async throws -> (BucketPolicy?, restrict: Bool) {
        guard let bucket = Self.bucket(ofArn: resource) else { return (nil, false) }
        let access: BucketAccess
        do {
            access = try await store.bucketAccess(bucket)
        } catch let error as ObjectStoreError where error.kind == .noSuchBucket {
            // A bucket that does not exist has no policy to refuse an anonymous caller with: S3 says it is missing.
            if principal.isAnonymous, !Self.createsBucket(operation) { throw S3Error(error) }
            return (nil, false)
        }
        let restrict = access.publicAccessBlock?.restrictPublicBuckets ?? false
        guard let text = access.policy else { return (nil, restrict) }
        if operation.managesBucketPolicy, principal.isRoot, principal.accountId == accountId { return (nil, restrict) }
        guard let policy = policies.policy(text, bucket: bucket) else {
            throw S3Error.internalError
        }
        return (policy, restrict)
    }

    /// The bucket of an S3 ARN (`arn:aws:s3:::<bucket>` or `arn:aws:s3:::<bucket>/<key>`); nil for `*`.
    static func bucket(ofArn arn: String) -> String? {
        let prefix = "arn:aws:s3:::"
        guard arn.hasPrefix(prefix) else { return nil }
        let rest = arn.dropFirst(prefix.count)
        let bucket = rest.prefix { $0 != "/" }
        return bucket.isEmpty || bucket == "*" ? nil : String(bucket)
    }

    /// Every IAM action `operation` needs, each on its resource; all must be allowed. Most operations need one
    /// (``iamAction(of:)``); CopyObject also needs `s3:GetObject` on the source, and GetObjectAttributes needs
    /// `s3:GetObject` besides `s3:GetObjectAttributes`, as AWS documents.
    static func iamActions(of operation: S3Operation) -> [(action: String, resource: String)] {
        guard let primary = iamAction(of: operation) else { return [] }
        switch operation {
        case .copyObject(let source, _), .uploadPartCopy(let source, _):
            return [("s3:GetObject", objectArn(source)), primary]
        case .getObjectAttributes(let object): return [("s3:GetObject", objectArn(object)), primary]
        default: return [primary]
        }
    }

    /// The IAM action and resource ARN of `operation`, or nil for requests refused anyway (501, 405).
    ///
    /// DeleteObjects is authorized as `s3:DeleteObject` on `arn:aws:s3:::<bucket>/*`, so a policy scoped to a
    /// prefix does not allow it (stricter than AWS, which checks each key).
    static func iamAction(of operation: S3Operation) -> (action: String, resource: String)? {
        switch operation {
        case .listBuckets: ("s3:ListAllMyBuckets", "arn:aws:s3:::*")
        case .createBucket(let bucket): ("s3:CreateBucket", bucketArn(bucket))
        case .headBucket(let bucket): ("s3:ListBucket", bucketArn(bucket))
        case .deleteBucket(let bucket): ("s3:DeleteBucket", bucketArn(bucket))
        case .getBucketLocation(let bucket): ("s3:GetBucketLocation", bucketArn(bucket))
        case .getBucketEncryption(let bucket): ("s3:GetEncryptionConfiguration", bucketArn(bucket))
        case .putBucketEncryption(let bucket), .deleteBucketEncryption(let bucket):
            ("s3:PutEncryptionConfiguration", bucketArn(bucket))
        case .getBucketACL(let bucket): ("s3:GetBucketAcl", bucketArn(bucket))
        case .getBucketVersioning(let bucket): ("s3:GetBucketVersioning", bucketArn(bucket))
        case .getBucketPolicy(let bucket): ("s3:GetBucketPolicy", bucketArn(bucket))
        case .putBucketPolicy(let bucket): ("s3:PutBucketPolicy", bucketArn(bucket))
        case .deleteBucketPolicy(let bucket): ("s3:DeleteBucketPolicy", bucketArn(bucket))
        case .getBucketPolicyStatus(let bucket): ("s3:GetBucketPolicyStatus", bucketArn(bucket))
        case .getPublicAccessBlock(let bucket): ("s3:GetBucketPublicAccessBlock", bucketArn(bucket))
        case .putPublicAccessBlock(let bucket), .deletePublicAccessBlock(let bucket):
            ("s3:PutBucketPublicAccessBlock", bucketArn(bucket))
        case .listObjects(let bucket), .listObjectsV2(let bucket): ("s3:ListBucket", bucketArn(bucket))
        case .listObjectVersions(let bucket): ("s3:ListBucketVersions", bucketArn(bucket))
        case .deleteObjects(let bucket): ("s3:DeleteObject", bucketArn(bucket) + "/*")
        case .putObject(let object): ("s3:PutObject", objectArn(object))
        // Its key and signer are known only once the form is read: the handler then authorizes `.putObject`.
        case .postObject: nil
        case .getObject(let object), .headObject(let object): ("s3:GetObject", objectArn(object))
        case .deleteObject(let object): ("s3:DeleteObject", objectArn(object))
        case .getObjectACL(let object): ("s3:GetObjectAcl", objectArn(object))
        case .createMultipartUpload(let object), .uploadPart(let object), .uploadPartCopy(_, let object),
            .completeMultipartUpload(let object):
            ("s3:PutObject", objectArn(object))
        case .abortMultipartUpload(let object): ("s3:AbortMultipartUpload", objectArn(object))
        case .listParts(let object): ("s3:ListMultipartUploadParts", objectArn(object))
        case .listMultipartUploads(let bucket): ("s3:ListBucketMultipartUploads", bucketArn(bucket))
        case .copyObject(_, let destination): ("s3:PutObject", objectArn(destination))
        case .getObjectAttributes(let object): ("s3:GetObjectAttributes", objectArn(object))
        case .notImplemented, .methodNotAllowed, .rejected: nil
        }
    }

    private static func createsBucket(_ operation: S3Operation) -> Bool {
        if case .createBucket = operation { return true }
        return false
    }

    static func bucketArn(_ bucket: String) -> String { "arn:aws:s3:::\(bucket)" }
    static func objectArn(_ object: ObjectAddress) -> String { "arn:aws:s3:::\(object.bucket)/\(object.key)" }
}
