import Crypto

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Verifies legacy AWS Signature Version 2 requests, as boto3 still presigns for older regions by default.
///
/// `Signature = base64(HMAC-SHA1(secret, StringToSign))`. Header form `Authorization: AWS <AKID>:<signature>`,
/// presigned form `?AWSAccessKeyId=...&Expires=<epoch seconds>&Signature=...`. Hand-written like SigV4 and
/// tested against botocore's `HmacV1Auth` / `HmacV1QueryAuth`.
/// See https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
public struct SigV2Verifier: Sendable {
    /// The longest a presigned URL may stay valid, counted from now: 7 days, as SigV4's `X-Amz-Expires` allows.
    ///
    /// SigV2 signs only the expiry time, not when the URL was made, so the bound is on `Expires - now`.
    public static let maxPresignedLifetime: TimeInterval = 604_800

    /// The largest allowed distance between request time and server time, in seconds (header auth).
    public let maxClockSkew: TimeInterval
    private let secretLookup: SecretLookup
    private let now: @Sendable () -> Date

    /// Creates a verifier.
    /// - Parameters:
    ///   - secretLookup: returns the secret access key for an access key id, nil when unknown.
    ///   - now: the clock (inject a fixed one in tests).
    ///   - maxClockSkew: seconds of allowed skew for header auth, 15 minutes by default.
    public init(
        secretLookup: @escaping SecretLookup,
        now: @escaping @Sendable () -> Date = { Date() },
        maxClockSkew: TimeInterval = 900
    ) {
        self.secretLookup = secretLookup
        self.now = now
        self.maxClockSkew = maxClockSkew
    }

    /// Verifies header (`Authorization: AWS ...`) or presigned (`AWSAccessKeyId=...`) SigV2 authentication.
    /// - Parameters:
    ///   - request: the request as received (path-style: the path starts with the bucket).
    ///   - virtualHostBucket: for virtual-hosted-style requests, the bucket taken from the host name; it is
    ///     put in front of the path in the signed resource.
    public func verify(_ request: SigV4Request, virtualHostBucket: String? = nil) throws(SigV4Error)
        -> SigV2Authentication
    {
        let query = QueryParameter.parse(request.query)
        let claim = try self.claim(request, query: query)
        do throws(SigV4Error) {
            guard let secret = self.secretLookup(claim.accessKeyId) else { throw .unknownAccessKey(claim.accessKeyId) }
            try self.checkTime(claim)
            let stringToSign = try self.checkSignature(
                request,
                query: query,
                claim: claim,
                secret: secret,
                virtualHostBucket: virtualHostBucket
            )
            return SigV2Authentication(
                accessKeyId: claim.accessKeyId,
                signature: claim.signature,
                isPresigned: claim.expires != nil,
                requestDate: claim.requestDate,
                expiresAt: claim.expires,
                stringToSign: stringToSign
            )
        } catch {
            var error = error
            error.accessKeyId = claim.accessKeyId
            error.signatureProvided = claim.signature
            throw error
        }
    }

    /// Who claims to sign, with what, and when.
    struct Claim {
        let accessKeyId: String
        let signature: String
        /// Header auth: the `x-amz-date` or `Date` time.
        let requestDate: Date?
        /// Presigned: the `Expires` time.
        let expires: Date?
        /// The third line of the string to sign: the `Date` header, "" when `x-amz-date` is used, or `Expires`.
        let dateLine: String
    }

    private func claim(_ request: SigV4Request, query: [QueryParameter]) throws(SigV4Error) -> Claim {
        switch request.authenticationScheme {
        case .sigV2Header: return try Self.headerClaim(request)
        case .sigV2Query: return try Self.queryClaim(query)
        case .none: throw .missingAuthentication()
        case .sigV4Header, .sigV4Query: throw .unsupportedAlgorithm(SigV4Verifier.algorithm)
        case .unknown:
            let scheme = request.headerValue(named: "authorization")?.split(separator: " ").first ?? ""
            throw .unsupportedAlgorithm(String(scheme.prefix(32)))
        }
    }

    private static func headerClaim(_ request: SigV4Request) throws(SigV4Error) -> Claim {
        let authorizations = request.headerValues(named: "authorization")
        guard authorizations.count == 1, let credentials = authorizations.first?.dropFirst("AWS ".count),
            let colon = credentials.lastIndex(of: ":"), colon != credentials.startIndex,
            credentials.index(after: colon) != credentials.endIndex
        else {
            throw .malformed("Authorization header is invalid -- one and only one ' ' (space) required")
        }
        let amzDate = request.headerValue(named: "x-amz-date")
        let httpDate = request.headerValue(named: "date")
        guard let timestamp = amzDate ?? httpDate,
            let requestDate = AMZDate.parseRFC1123(timestamp) ?? AMZDate.parse(timestamp)
        else {
            throw .malformed("AWS authentication requires a valid Date or x-amz-date header")
        }
        return Claim(
            accessKeyId: String(credentials[..<colon].trimmingASCIISpaces()),
            signature: String(credentials[credentials.index(after: colon)...]),
            requestDate: requestDate,
            expires: nil,
            dateLine: amzDate == nil ? (httpDate ?? "").trimmingASCIISpaces().description : ""
        )
    }

    private static func queryClaim(_ query: [QueryParameter]) throws(SigV4Error) -> Claim {
        guard let accessKeyId = try query.single("AWSAccessKeyId"), let signature = try query.single("Signature"),
            let expires = try query.single("Expires")
        else {
            throw .malformed(
                "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
        }
        guard let seconds = Int(expires) else {
            throw .malformed("Expires must be a number of seconds since the epoch")
        }
        return Claim(
            accessKeyId: accessKeyId,
            signature: signature,
            requestDate: nil,
            expires: Date(timeIntervalSince1970: TimeInterval(seconds)),
            dateLine: expires
        )
    }

    private func checkTime(_ claim: Claim) throws(SigV4Error) {
        let now = self.now()
        if let expires = claim.expires {
            if now > expires { throw .requestExpired(expiresAt: expires, serverTime: now) }
            if expires.timeIntervalSince(now) > Self.maxPresignedLifetime {
                throw .malformed(
                    "Expires must be at most 604800 seconds (7 days) from now: a presigned URL cannot be valid longer.")
            }
        } else if let requestDate = claim.requestDate, abs(requestDate.timeIntervalSince(now)) > self.maxClockSkew {
            throw .clockSkewed(requestTime: requestDate, serverTime: now, maxClockSkew: self.maxClockSkew)
        }
    }
}
