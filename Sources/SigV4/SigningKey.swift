import Crypto

/// The derived SigV4 signing key for one (secret, date, region, service).
///
/// Opaque: the key bytes live only in the keyed HMAC state derived from them (swift-crypto types), and neither
/// `description` nor reflection shows them. Used to verify the request signature and, later, the signatures
/// of aws-chunked chunks and trailers.
public struct SigningKey: Sendable, CustomStringConvertible, CustomReflectable {
    /// `HMAC-SHA256` already keyed (its inner and outer pads hashed), copied for each signature: a cached
    /// signing key then costs the hash of the string to sign alone.
    private let keyedHMAC: HMAC<SHA256>

    init(key: SymmetricKey) {
        self.keyedHMAC = HMAC<SHA256>(key: key)
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
        self.init(key: key)
    }

    /// The lower-case hex HMAC-SHA256 of a string to sign: a SigV4 signature.
    ///
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#calculate-signature
    public func signature(for stringToSign: String) -> String {
        self.signature(for: Array(stringToSign.utf8))
    }

    /// The signature of a string to sign given as UTF-8 bytes.
    func signature(for stringToSign: [UInt8]) -> String {
        var hmac = self.keyedHMAC
        stringToSign.withUnsafeBytes { hmac.update(data: $0) }
        return hmac.finalize().hexString
    }

    /// Never shows the key.
    public var description: String { "SigningKey(<redacted>)" }

    /// Never shows the key.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
