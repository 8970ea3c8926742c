import Crypto
import Foundation
import SigV4

/// Presigns like botocore does for SSE-KMS PUTs: the SSE headers stay headers and are listed in
/// `X-Amz-SignedHeaders`. Written out step by step (independently of ``SigV4Signer``) for simple paths.
func presignWithHeaders(
    method: String, path: String, headers: [(String, String)], expires: Int = 300, date: Date = Date()
) -> String {
    let amzDate = SigV2TestSigner.amzDate(date)
    let day = String(amzDate.prefix(8))
    let scope = "\(day)/\(S3TestHarness.region)/s3/aws4_request"
    let all = ([("host", "localhost")] + headers).map { ($0.0.lowercased(), $0.1) }.sorted { $0.0 < $1.0 }
    let signedHeaders = all.map(\.0).joined(separator: ";")
    func encode(_ value: String) -> String {
        value.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"))!
    }
    let parameters = [
        ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", "\(S3TestHarness.accessKeyId)/\(scope)"),
        ("X-Amz-Date", amzDate), ("X-Amz-Expires", String(expires)), ("X-Amz-SignedHeaders", signedHeaders),
    ].sorted { $0.0 < $1.0 }
    let query = parameters.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    let canonicalHeaders = all.map { "\($0.0):\($0.1)\n" }.joined()
    let canonicalRequest = "\(method)\n\(path)\n\(query)\n\(canonicalHeaders)\n\(signedHeaders)\nUNSIGNED-PAYLOAD"
    let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(hexSHA256(Array(canonicalRequest.utf8)))"
    let key = SigningKey(
        secretAccessKey: S3TestHarness.secretAccessKey, date: day, region: S3TestHarness.region, service: "s3")
    return "\(query)&X-Amz-Signature=\(key.signature(for: stringToSign))"
}

extension SigV2TestSigner {
    /// `yyyyMMdd'T'HHmmss'Z'`.
    static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
