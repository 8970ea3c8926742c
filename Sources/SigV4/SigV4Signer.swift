import TextCodings

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Signs requests with SigV4, header or presigned: the client side, for tests and tools.
///
/// Uses the same canonical steps as ``SigV4Verifier`` and is cross-checked against botocore's signatures.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
public struct SigV4Signer: Sendable {
    /// Headers never signed (botocore's `SIGNED_HEADERS_BLACKLIST` plus the ones added after signing).
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "content-length", "expect", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The access key id put in the credential scope.
    public let accessKeyId: String
    /// The region of the credential scope.
    public let region: String
    /// The service of the credential scope ("s3", "kms").
    public let service: String
    private let secretAccessKey: String

    /// Creates a signer for one access key, region and service.
    public init(accessKeyId: String, secretAccessKey: String, region: String, service: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// Adds `X-Amz-Date`, optionally `x-amz-content-sha256`, and `Authorization`; every other header (except
    /// hop-by-hop ones) is signed. The request must carry a `host` header.
    /// - Parameters:
    ///   - payloadHash: hex SHA-256 of the body, or a literal such as `UNSIGNED-PAYLOAD`.
    ///   - addContentSHA256Header: send the payload hash as `x-amz-content-sha256` (S3 requires it; KMS does not).
    public func sign(
        _ request: SigV4Request,
        payloadHash: String = SigV4Verifier.emptyPayloadSHA256,
        addContentSHA256Header: Bool = true,
        date: Date = Date()
    ) -> SigV4Request {
        let amzDate = AMZDate.format(date)
        var signed = request
        signed.headers.removeAll { ["authorization", "x-amz-date"].contains($0.name.lowercased()) }
        signed.headers.append(("X-Amz-Date", amzDate))
        if addContentSHA256Header, signed.headerValue(named: "x-amz-content-sha256") == nil {
            signed.headers.append(("X-Amz-Content-SHA256", payloadHash))
        }
        let signedHeaders = Set(signed.headers.map { $0.name.lowercased() }).subtracting(Self.unsignedHeaders).sorted()
        let signature = self.signature(signed, amzDate: amzDate, signedHeaders: signedHeaders, payloadHash: payloadHash)
        signed.headers.append(
            (
                "Authorization",
                "\(SigV4Verifier.algorithm) Credential=\(self.accessKeyId)/\(self.scope(amzDate)), "
                    + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
            )
        )
        return signed
    }

    /// Presigns a request: adds the `X-Amz-*` parameters to its query; only `host` is signed, payload unsigned.
    /// - Parameter expires: validity in seconds, 1...604800.
    public func presign(_ request: SigV4Request, expires: Int, date: Date = Date()) -> SigV4Request {
        let amzDate = AMZDate.format(date)
        var signed = request
        let authParameters = [
            ("X-Amz-Algorithm", SigV4Verifier.algorithm),
            ("X-Amz-Credential", "\(self.accessKeyId)/\(self.scope(amzDate))"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", "host"),
        ]
        let encoded = authParameters.map {
            "\($0.0)=\(PercentEncoding.encode($0.1.utf8, keepSlash: false))"
        }
        signed.query = ([signed.query].filter { !$0.isEmpty } + encoded).joined(separator: "&")
        let signature = self.signature(
            signed, amzDate: amzDate, signedHeaders: ["host"], payloadHash: SigV4Verifier.unsignedPayload)
        signed.query += "&X-Amz-Signature=\(signature)"
        return signed
    }

    private func scope(_ amzDate: String) -> String {
        "\(amzDate.prefix(8))/\(self.region)/\(self.service)/aws4_request"
    }

    private func signature(_ request: SigV4Request, amzDate: String, signedHeaders: [String], payloadHash: String)
        -> String
    {
        let canonicalRequest = SigV4Algorithm.canonicalRequest(
            method: request.method,
            canonicalURI: SigV4Algorithm.canonicalURI(rawPath: request.path),
            canonicalQuery: SigV4Algorithm.canonicalQuery(QueryParameter.parse(request.query)),
            canonicalHeaders: SigV4Algorithm.canonicalHeaders(request.headers, signedHeaders: signedHeaders),
            signedHeaders: signedHeaders,
            payloadHash: payloadHash
        )
        let key = SigningKey(
            secretAccessKey: self.secretAccessKey, date: String(amzDate.prefix(8)), region: self.region,
            service: self.service)
        return key.signature(
            for: SigV4Algorithm.stringToSign(
                amzDate: amzDate, scope: self.scope(amzDate), canonicalRequest: canonicalRequest)
        )
    }
}
