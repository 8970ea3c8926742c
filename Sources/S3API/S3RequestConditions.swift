import AccessPolicy
import HTTPSupport
import HTTPTypes
import NIOCore

/// The condition keys of one S3 request, for bucket and identity policies: `aws:SecureTransport`, `aws:SourceIp`,
/// the SSE headers of the operations that create objects, and ListObjects' parameters. Keys the request lacks are
/// absent, so `Null` conditions see them missing. `aws:PrincipalArn` and `aws:username` come from the principal.
enum S3RequestConditions {
    /// The context of `operation` as `call` sent it.
    static func context(
        _ operation: S3Operation, headers: HTTPFields, query: S3Query, context: CofferRequestContext
    ) -> [String: ConditionValue] {
        var values: [String: ConditionValue] = [ConditionKey.secureTransport: .bool(context.isSecureTransport)]
        if let address = context.remoteAddress?.ipAddress { values[ConditionKey.sourceIp] = .single(address) }
        switch operation {
        case .putObject, .copyObject, .createMultipartUpload:
            values[ConditionKey.s3ServerSideEncryption] = headers[.amzServerSideEncryption].map(ConditionValue.single)
            values[ConditionKey.s3ServerSideEncryptionKMSKeyId] =
                headers[.amzSSEKMSKeyId].map(ConditionValue.single)
        case .listObjects, .listObjectsV2, .listObjectVersions:
            values[ConditionKey.s3Prefix] = query["prefix"].map(ConditionValue.single)
            values[ConditionKey.s3MaxKeys] = query["max-keys"].map(ConditionValue.single)
            values[ConditionKey.s3Delimiter] = query["delimiter"].map(ConditionValue.single)
        default:
            break
        }
        return values
    }
}
