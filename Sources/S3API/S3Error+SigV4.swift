import HTTPTypes
public import SigV4
import TextCodings

extension S3Error {
    /// The one mapping from signature failures to S3's authentication errors.
    ///
    /// The scheme decides how a malformed request is reported: a header-signed request gets
    /// `AuthorizationHeaderMalformed`, a presigned one `AuthorizationQueryParametersError`, and a SigV2 URL missing a
    /// parameter `AccessDenied`, as AWS answers.
    public init(_ error: SigV4Error, scheme: SigV4Request.AuthenticationScheme) {
        switch error.code {
        case .missingAuthentication:
            self = .accessDenied()
        case .malformed:
            self = Self.malformed(error, scheme: scheme)
        case .unknownAccessKey:
            self = S3Error(
                "InvalidAccessKeyId", .forbidden, "The AWS Access Key Id you provided does not exist in our records."
            )
            .with("AWSAccessKeyId", error.accessKeyId)
        case .signatureMismatch:
            self = Self.signatureMismatch(error)
        case .requestExpired:
            self = S3Error.accessDenied("Request has expired")
                .with("Expires", error.expiresAt.map(ISO8601Timestamp.format))
                .with("ServerTime", error.serverTime.map(ISO8601Timestamp.format))
        case .clockSkewed:
            self = S3Error(
                "RequestTimeTooSkewed", .forbidden,
                "The difference between the request time and the current time is too large."
            )
            .with("RequestTime", error.requestTime.map(HTTPDate.format))
            .with("ServerTime", error.serverTime.map(ISO8601Timestamp.format))
            .with("MaxAllowedSkewMilliseconds", "900000")
        case .wrongRegion:
            self = S3Error("AuthorizationHeaderMalformed", .badRequest, error.message)
                .with("Region", error.expectedRegion)
        case .unsupportedAlgorithm:
            self = .invalidArgument(error.message, name: "Authorization")
        case .payloadNotSigned:
            // Not raised for S3 (it checks the body against the declared hash while streaming); kept exhaustive.
            self = S3Error("XAmzContentSHA256Mismatch", .badRequest, error.message)
        case .headersNotSigned:
            self = S3Error.accessDenied(error.message)
                .with("HeadersNotSigned", error.headersNotSigned.joined(separator: ", "))
        }
    }

    private static func malformed(_ error: SigV4Error, scheme: SigV4Request.AuthenticationScheme) -> S3Error {
        if error.message == S3Authenticator.missingContentSHA256 { return .invalidRequest(error.message) }
        switch scheme {
        case .sigV4Query: return S3Error("AuthorizationQueryParametersError", .badRequest, error.message)
        case .sigV2Query, .sigV2Header: return .accessDenied(error.message)
        default: return S3Error("AuthorizationHeaderMalformed", .badRequest, error.message)
        }
    }

    /// `SignatureDoesNotMatch`, with what we calculated so a client can debug its signer.
    static func signatureMismatch(_ error: SigV4Error) -> S3Error {
        S3Error(
            "SignatureDoesNotMatch", .forbidden,
            "The request signature we calculated does not match the signature you provided. "
                + "Check your key and signing method."
        )
        .with("AWSAccessKeyId", error.accessKeyId)
        .with("StringToSign", error.stringToSign)
        .with("SignatureProvided", error.signatureProvided)
        .with("StringToSignBytes", error.stringToSign.map { Hex.spacedBytes($0.utf8) })
        .with("CanonicalRequest", error.canonicalRequest)
        .with("CanonicalRequestBytes", error.canonicalRequest.map { Hex.spacedBytes($0.utf8) })
    }
}
