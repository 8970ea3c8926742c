#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The result of a successful SigV2 (`AWS AKID:signature` or `AWSAccessKeyId`/`Signature`/`Expires`)
/// verification.
public struct SigV2Authentication: Sendable {
    /// The access key id that signed the request.
    public let accessKeyId: String
    /// The verified signature, base64.
    public let signature: String
    /// True for presigned (query) authentication.
    public let isPresigned: Bool
    /// Header auth: the request time (`x-amz-date` or `Date`). Presigned: nil.
    public let requestDate: Date?
    /// Presigned: when the URL expires. Header auth: nil.
    public let expiresAt: Date?
    /// The string to sign that was verified.
    public let stringToSign: String
}
