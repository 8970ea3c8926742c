import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SigV4

/// How a test request proves who it is.
enum TestAuth: Sendable {
    /// SigV4 header auth; `payloadHash` nil means the hex SHA-256 of the body.
    case sigV4(
        payloadHash: String? = nil, date: Date = Date(), secret: String = S3TestHarness.secretAccessKey,
        accessKeyId: String = S3TestHarness.accessKeyId, region: String = S3TestHarness.region)
    /// SigV4 presigned URL.
    case presigned(expires: Int = 300, date: Date = Date())
    /// SigV4 header auth without the `x-amz-content-sha256` header, signing `payloadHash`.
    case sigV4WithoutContentSHA256(payloadHash: String)
    /// SigV2 header auth (`Authorization: AWS AKID:signature`).
    case sigV2Header
    /// SigV2 presigned URL (`AWSAccessKeyId`, `Expires`, `Signature`).
    case sigV2Presigned(expires: Date = Date().addingTimeInterval(300))
    /// No credentials.
    case anonymous

    static let signed = TestAuth.sigV4()
}

extension TestClientProtocol {
    /// Sends an S3 request: `path` is the raw (percent-encoded) path, `query` the raw query.
    @discardableResult
    func s3(
        _ method: HTTPRequest.Method, _ path: String, query: String = "", headers: [(String, String)] = [],
        body: ByteBuffer? = nil, auth: TestAuth = .signed
    ) async throws -> TestResponse {
        let (finalQuery, fields) = signedRequest(method, path, query: query, headers: headers, body: body, auth: auth)
        let uri = finalQuery.isEmpty ? path : "\(path)?\(finalQuery)"
        return try await execute(uri: uri, method: method, headers: fields, body: body)
    }

    /// PUTs `text` as an object.
    @discardableResult
    func put(
        _ path: String, _ text: String, headers: [(String, String)] = [], auth: TestAuth = .signed
    ) async throws -> TestResponse {
        try await s3(.put, path, headers: headers, body: ByteBuffer(string: text), auth: auth)
    }

    /// GETs an object (or anything else).
    func get(
        _ path: String, query: String = "", headers: [(String, String)] = [], auth: TestAuth = .signed
    ) async throws -> TestResponse {
        try await s3(.get, path, query: query, headers: headers, auth: auth)
    }
}

/// Signs a request description the way a client would, returning the query and header fields to send.
func signedRequest(
    _ method: HTTPRequest.Method, _ path: String, query: String, headers: [(String, String)], body: ByteBuffer?,
    auth: TestAuth
) -> (query: String, headers: HTTPFields) {
    let request = SigV4Request(
        method: method.rawValue, path: path, query: query, headers: [("host", "localhost")] + headers)
    let signed: SigV4Request
    switch auth {
    case .anonymous:
        signed = request
    case .presigned(let expires, let date):
        signed = testSigner().presign(request, expires: expires, date: date)
    case .sigV4WithoutContentSHA256(let payloadHash):
        signed = testSigner().sign(request, payloadHash: payloadHash, addContentSHA256Header: false)
    case .sigV2Header:
        signed = SigV2TestSigner.sign(request)
    case .sigV2Presigned(let expires):
        signed = SigV2TestSigner.presign(request, expires: expires)
    case .sigV4(let payloadHash, let date, let secret, let accessKeyId, let region):
        let hash = payloadHash ?? hexSHA256(body.map { Array($0.readableBytesView) } ?? [])
        let signer = SigV4Signer(accessKeyId: accessKeyId, secretAccessKey: secret, region: region, service: "s3")
        signed = signer.sign(request, payloadHash: hash, date: date)
    }
    var fields = HTTPFields()
    for (name, value) in signed.headers where name.lowercased() != "host" {
        fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
    }
    return (signed.query, fields)
}

func testSigner() -> SigV4Signer {
    SigV4Signer(
        accessKeyId: S3TestHarness.accessKeyId, secretAccessKey: S3TestHarness.secretAccessKey,
        region: S3TestHarness.region, service: "s3")
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The text of the first `<name>` element of an XML body, nil when absent.
    func xml(_ name: String) -> String? {
        let text = self.text
        guard let open = text.range(of: "<\(name)>"),
            let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// Every `<name>` element's text, in order.
    func xmlAll(_ name: String) -> [String] {
        var results: [String] = []
        var text = Substring(self.text)
        while let open = text.range(of: "<\(name)>"),
            let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        {
            results.append(String(text[open.upperBound..<close.lowerBound]))
            text = text[close.upperBound...]
        }
        return results
    }

    /// The S3 error code of an error body.
    var errorCode: String? { xml("Code") }
}
