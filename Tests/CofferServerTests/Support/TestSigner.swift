import Crypto
import Foundation
import HTTPTypes

/// A SigV4 signer for KMS requests, written for the tests from the AWS specification with swift-crypto, so the
/// server's verifier is checked against an implementation that shares no code with it.
///
/// It signs what boto3 signs for KMS: `content-type;host;x-amz-date;x-amz-target`, with the SHA-256 of the body as
/// payload hash. https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
struct TestSigner: Sendable {
    var accessKeyId = "COFFERACCESSKEY0000"
    var secretAccessKey = "coffer-secret-change-me"
    var region = "us-east-1"
    var service = "kms"
    /// The request time; `nil` means now.
    var date: Date?
    /// The content type sent and signed.
    var contentType = "application/x-amz-json-1.1"

    /// The headers of a signed `POST /` KMS request for `target` (e.g. `TrentService.Encrypt`).
    func kmsHeaders(target: String, body: [UInt8], host: String = "localhost") -> HTTPFields {
        let amzDate = Self.amzDate(date ?? Date())
        let signedHeaders = "content-type;host;x-amz-date;x-amz-target"
        let canonicalRequest = [
            "POST", "/", "",
            "content-type:\(contentType)", "host:\(host)", "x-amz-date:\(amzDate)", "x-amz-target:\(target)", "",
            signedHeaders, Self.hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        let scope = "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let signature = Self.hex(
            HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(amzDate)))
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[HTTPField.Name("X-Amz-Date")!] = amzDate
        headers[HTTPField.Name("X-Amz-Target")!] = target
        headers[.authorization] =
            "AWS4-HMAC-SHA256 Credential=\(accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return headers
    }

    private func signingKey(_ amzDate: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for part in [String(amzDate.prefix(8)), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
