import Crypto

/// The derived SigV4 signing key for one (secret, date, region, service).
///
/// Opaque: the key bytes stay inside a `SymmetricKey`, and neither `description` nor reflection shows them.
/// Used to verify the request signature and, later, the signatures of aws-chunked chunks and trailers.
public struct SigningKey: Sendable, CustomStringConvertible, CustomReflectable {
    let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// Derives the key: HMAC chain over `"AWS4" + secret`, date, region, service and `aws4_request`.
    ///
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#derive-signing-key
    /// - Parameter date: the scope date, `yyyymmdd`.
    public init(secretAccessKey: String, date: String, region: String, service: String) {
        var key = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        self.key = key
    }

    /// The lower-case hex HMAC-SHA256 of a string to sign: a SigV4 signature.
    ///
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#calculate-signature
    public func signature(for stringToSign: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: self.key).hexString
    }

    /// Never shows the key.
    public var description: String { "SigningKey(<redacted>)" }

    /// Never shows the key.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
