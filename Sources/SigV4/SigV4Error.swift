#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Why a request failed authentication.
///
/// One error type for the whole signing layer (SigV4, SigV4 streaming chunks and SigV2). The wire layers map
/// ``Code`` to their own error shapes (S3 XML, KMS JSON). `message` is safe to show a client: it never contains
/// a secret or a derived key.
public struct SigV4Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// No `Authorization` header and no query-string authentication.
        case missingAuthentication
        /// The authentication data cannot be parsed, or a required part is missing.
        case malformed
        /// The access key id is not known to the secret lookup.
        case unknownAccessKey
        /// The signature does not match the one we calculated.
        case signatureMismatch
        /// A presigned URL used after `X-Amz-Date + X-Amz-Expires` (or SigV2 `Expires`).
        case requestExpired
        /// The request time is too far from the server time.
        case clockSkewed
        /// The credential scope names a region other than the server's.
        case wrongRegion
        /// An algorithm other than `AWS4-HMAC-SHA256` (or SigV2 `AWS`).
        case unsupportedAlgorithm
        /// A request carries `x-amz-*` headers that its signed headers do not list.
        case headersNotSigned
        /// A service that signs the body itself (KMS) got a body its signature does not cover: a payload literal
        /// such as `UNSIGNED-PAYLOAD`, or an `x-amz-content-sha256` other than the body's SHA-256.
        case payloadNotSigned
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable explanation, safe to show a client.
    public let message: String
    /// The string to sign we calculated (filled for ``Code/signatureMismatch``; S3 returns it).
    public var stringToSign: String?
    /// The canonical request we calculated (filled for ``Code/signatureMismatch``; S3 returns it).
    public var canonicalRequest: String?
    /// The access key id the request named, when it could be parsed (S3 returns it as `AWSAccessKeyId`).
    public var accessKeyId: String?
    /// The signature the request carried (S3 returns it as `SignatureProvided`).
    public var signatureProvided: String?
    /// For ``Code/wrongRegion``: the region the server expects (S3 returns it as `Region`).
    public var expectedRegion: String?
    /// For ``Code/headersNotSigned``: the unsigned header names, lower case, in the order received
    /// (S3 returns them comma-separated as `HeadersNotSigned`).
    public var headersNotSigned: [String] = []
    /// For ``Code/requestExpired``: when the request expired.
    public var expiresAt: Date?
    /// For ``Code/requestExpired`` and ``Code/clockSkewed``: the request time that was refused.
    public var requestTime: Date?
    /// For ``Code/requestExpired`` and ``Code/clockSkewed``: the server time used for the decision.
    public var serverTime: Date?

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A textual description: the code and the message (no secrets).
    public var description: String { "SigV4Error.\(self.code): \(self.message)" }
}

extension SigV4Error {
    /// The request carries no authentication at all.
    public static func missingAuthentication(_ message: String = "Request is missing Authentication Token") -> Self {
        Self(.missingAuthentication, message)
    }

    /// The authentication data cannot be parsed.
    public static func malformed(_ message: String) -> Self {
        Self(.malformed, message)
    }

    /// The access key id is unknown.
    public static func unknownAccessKey(_ accessKeyId: String) -> Self {
        var error = Self(.unknownAccessKey, "The AWS Access Key Id you provided does not exist in our records.")
        error.accessKeyId = accessKeyId
        return error
    }

    /// The signature does not match; carries what we calculated, as S3 reports it.
    public static func signatureMismatch(stringToSign: String?, canonicalRequest: String?) -> Self {
        var error = Self(
            .signatureMismatch,
            "The request signature we calculated does not match the signature you provided. "
                + "Check your key and signing method."
        )
        error.stringToSign = stringToSign
        error.canonicalRequest = canonicalRequest
        return error
    }

    /// A presigned request used after its expiry.
    public static func requestExpired(expiresAt: Date, serverTime: Date) -> Self {
        var error = Self(.requestExpired, "Request has expired")
        error.expiresAt = expiresAt
        error.serverTime = serverTime
        return error
    }

    /// The request time differs from the server time by more than the allowed skew.
    ///
    /// Worded as AWS's SigV4 services word it (KMS returns it verbatim), for example
    /// "Signature expired: 20240515T120000Z is now earlier than 20240515T122000Z (20240515T123500Z - 15 min.)".
    /// S3 answers `RequestTimeTooSkewed` with its own fixed text and `requestTime` / `serverTime`.
    public static func clockSkewed(requestTime: Date, serverTime: Date, maxClockSkew: TimeInterval = 900) -> Self {
        let minutes = Int(maxClockSkew / 60)
        let message =
            requestTime < serverTime
            ? "Signature expired: \(AMZDate.format(requestTime)) is now earlier than "
                + "\(AMZDate.format(serverTime.addingTimeInterval(-maxClockSkew))) "
                + "(\(AMZDate.format(serverTime)) - \(minutes) min.)"
            : "Signature not yet current: \(AMZDate.format(requestTime)) is still later than "
                + "\(AMZDate.format(serverTime.addingTimeInterval(maxClockSkew))) "
                + "(\(AMZDate.format(serverTime)) + \(minutes) min.)"
        var error = Self(.clockSkewed, message)
        error.requestTime = requestTime
        error.serverTime = serverTime
        return error
    }

    /// The credential scope names the wrong region.
    public static func wrongRegion(_ region: String, expected: String) -> Self {
        var error = Self(
            .wrongRegion,
            "The authorization header is malformed; the region '\(region)' is wrong; expecting '\(expected)'"
        )
        error.expectedRegion = expected
        return error
    }

    /// The signing algorithm is not supported.
    public static func unsupportedAlgorithm(_ algorithm: String) -> Self {
        Self(.unsupportedAlgorithm, "Unsupported Authorization Type: '\(algorithm)'")
    }

    /// The request declares a payload literal (`UNSIGNED-PAYLOAD`, `STREAMING-...`) where the body must be signed.
    public static func payloadNotSigned(_ literal: String) -> Self {
        Self(
            .payloadNotSigned,
            "x-amz-content-sha256 '\(literal.prefix(64))' is not accepted: this service requires the SHA-256 of the "
                + "request body to be signed.")
    }

    /// The declared `x-amz-content-sha256` is not the SHA-256 of the body received.
    public static func contentSHA256Mismatch() -> Self {
        Self(.payloadNotSigned, "The provided 'x-amz-content-sha256' header does not match what was computed.")
    }

    /// A request carries `x-amz-*` headers it did not sign; worded as S3 words it.
    public static func headersNotSigned(_ names: [String]) -> Self {
        var error = Self(.headersNotSigned, "There were headers present in the request which were not signed")
        error.headersNotSigned = names
        return error
    }
}
