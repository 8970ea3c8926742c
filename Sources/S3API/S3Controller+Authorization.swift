import AccessPolicy
import HTTPSupport

/// Which IAM action each S3 operation needs, on which resource, and the check of the caller's IAM policy.
///
/// S3 actions are authorized by identity policies alone (Coffer has no bucket policies): the account's root user
/// may do everything, an IAM user what its policy allows, and an explicit `Deny` wins. Buckets belong to the
/// server's account, so a principal of another account is refused, as AWS refuses it without a bucket policy.
/// The KMS calls an operation makes are authorized separately, by the key service, on the requester's behalf.
extension S3Controller {
    /// Throws `AccessDenied` (403) with AWS's message unless `identity` may perform `operation`; anonymous
    /// requests are left to the ACL checks of the operation.
    func authorize(_ operation: S3Operation, _ identity: S3Identity) throws(S3Error) {
        guard let principal = identity.principal else { return }
        for (action, resource) in Self.iamActions(of: operation) {
            try authorize(principal, action, resource)
        }
    }

    private func authorize(_ principal: Principal, _ action: String, _ resource: String) throws(S3Error) {
        if let message = S3AccessCheck.deniedMessage(
            principal: principal, action: action, resource: resource, accountId: accountId)
        {
            throw S3Error.accessDenied(message)
        }
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

    static func bucketArn(_ bucket: String) -> String { "arn:aws:s3:::\(bucket)" }
    static func objectArn(_ object: ObjectAddress) -> String { "arn:aws:s3:::\(object.bucket)/\(object.key)" }
}
