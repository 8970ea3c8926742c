import Crypto
import Foundation
import SigV4

/// A SigV2 signer written independently of the server's verifier, for the request shapes the tests send.
///
/// `Signature = base64(HMAC-SHA1(secret, VERB\nContent-MD5\nContent-Type\nDate-or-Expires\n<x-amz-*><resource>))`.
enum SigV2TestSigner {
    static func sign(_ request: SigV4Request) -> SigV4Request {
        let date = httpDate(Date())
        var signed = request
        signed.headers.append(("Date", date))
        let signature = signature(stringToSign(signed, dateLine: date))
        signed.headers.append(("Authorization", "AWS \(S3TestHarness.accessKeyId):\(signature)"))
        return signed
    }

    static func presign(_ request: SigV4Request, expires: Date) -> SigV4Request {
        let seconds = String(Int(expires.timeIntervalSince1970))
        let signature = signature(stringToSign(request, dateLine: seconds))
        var signed = request
        let encoded = signature.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let parameters = "AWSAccessKeyId=\(S3TestHarness.accessKeyId)&Expires=\(seconds)&Signature=\(encoded)"
        signed.query = request.query.isEmpty ? parameters : "\(request.query)&\(parameters)"
        return signed
    }

    private static func stringToSign(_ request: SigV4Request, dateLine: String) -> String {
        func header(_ name: String) -> String { request.headerValues(named: name).first ?? "" }
        let amz = request.headers.filter { $0.name.lowercased().hasPrefix("x-amz-") }
            .map { "\($0.name.lowercased()):\($0.value)\n" }.sorted().joined()
        return
            "\(request.method)\n\(header("content-md5"))\n\(header("content-type"))\n\(dateLine)\n\(amz)\(request.path)"
    }

    private static func signature(_ stringToSign: String) -> String {
        let key = SymmetricKey(data: Array(S3TestHarness.secretAccessKey.utf8))
        return Data(HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key))
            .base64EncodedString()
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
