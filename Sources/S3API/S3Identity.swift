public import HTTPSupport
import ObjectStore
public import SigV4

/// Who sent an S3 request, and how they proved it.
public enum S3Identity: Sendable {
    /// No credentials: only operations an ACL opens to everyone (public-read GET and HEAD).
    case anonymous
    /// A legacy Signature Version 2 request (header or presigned URL); refused for SSE-KMS objects.
    case sigV2(Principal)
    /// A Signature Version 4 request (header or presigned); the verification result drives body decoding.
    case sigV4(Principal, SigV4Authentication)

    /// The authenticated principal, nil when anonymous.
    public var principal: Principal? {
        switch self {
        case .anonymous: nil
        case .sigV2(let principal), .sigV4(let principal, _): principal
        }
    }

    /// Whether SSE-KMS objects are out of reach: AWS requires SigV4 for them.
    var lacksSigV4: Bool {
        if case .sigV4 = self { return false }
        return true
    }

    /// The requester the object store passes to the key service.
    var requester: DataKeyRequester {
        guard let principal else { return DataKeyRequester(principalArn: "*", accountId: "") }
        return DataKeyRequester(principalArn: principal.arn, accountId: principal.accountId)
    }
}
