import Foundation

@testable import SigV4

/// Signs synthetic requests in tests, with control over each canonical part so clients that deviate from
/// AWS rules can be simulated. Built from the same steps as the verifier; the botocore vectors are what
/// prove those steps right.
struct TestSigner {
    static let accessKeyId = "AKIDTEST"
    static let secret = "test/secret+key"
    static let amzDate = "20240515T123456Z"
    static let region = "us-east-1"

    static var now: Date { AMZDate.parse(Self.amzDate)! }

    static func verifier(region: String = Self.region, offset: TimeInterval = 0) -> SigV4Verifier {
        let now = Self.now.addingTimeInterval(offset)
        return SigV4Verifier(
            region: region,
            secretLookup: { $0 == Self.accessKeyId ? Self.secret : nil },
            now: { now }
        )
    }

    /// Adds `Host`, `X-Amz-Date`, `X-Amz-Content-SHA256` and an `Authorization` header.
    /// - Parameter canonicalURI: what the client puts in its canonical request; AWS rules when nil.
    static func sign(
        method: String = "GET",
        path: String,
        query: String = "",
        headers: [(name: String, value: String)] = [],
        service: String = "s3",
        payloadHash: String = SigV4Verifier.emptyPayloadSHA256,
        canonicalURI: String? = nil
    ) -> SigV4Request {
        var request = SigV4Request(
            method: method,
            path: path,
            query: query,
            headers: [("Host", "localhost:9000"), ("X-Amz-Date", Self.amzDate), ("X-Amz-Content-SHA256", payloadHash)]
                + headers
        )
        let signedHeaders = Set(request.headers.map { $0.name.lowercased() }).sorted()
        let canonicalRequest = SigV4Algorithm.canonicalRequest(
            method: method,
            canonicalURI: canonicalURI ?? SigV4Algorithm.canonicalURI(rawPath: path),
            canonicalQuery: SigV4Algorithm.canonicalQuery(QueryParameter.parse(query)),
            canonicalHeaders: SigV4Algorithm.canonicalHeaders(request.headers, signedHeaders: signedHeaders),
            signedHeaders: signedHeaders,
            payloadHash: payloadHash
        )
        let scope = "\(Self.amzDate.prefix(8))/\(Self.region)/\(service)/aws4_request"
        let key = SigningKey(
            secretAccessKey: Self.secret, date: String(Self.amzDate.prefix(8)), region: Self.region, service: service)
        let signature = key.signature(
            for: SigV4Algorithm.stringToSign(amzDate: Self.amzDate, scope: scope, canonicalRequest: canonicalRequest)
        )
        request.headers.append(
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(Self.accessKeyId)/\(scope), "
                    + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
            )
        )
        return request
    }
}
