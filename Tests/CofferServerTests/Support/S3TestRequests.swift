import Crypto
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SigV4

extension KMSTestClient {
    /// Sends an S3 request signed with SigV4 (`SigV4Signer`) by the default root credentials.
    func s3(
        _ method: HTTPRequest.Method, _ path: String, query: String = "", headers: [(String, String)] = [],
        body: [UInt8] = []
    ) async throws -> TestResponse {
        let signer = SigV4Signer(
            accessKeyId: signer.accessKeyId, secretAccessKey: signer.secretAccessKey, region: signer.region,
            service: "s3")
        let payloadHash = SHA256.hash(data: body).map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
        let signed = signer.sign(
            SigV4Request(method: method.rawValue, path: path, query: query, headers: [("host", "localhost")] + headers),
            payloadHash: payloadHash)
        var fields = HTTPFields()
        for (name, value) in signed.headers where name != "host" {
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
        }
        return try await client.execute(
            uri: path + (query.isEmpty ? "" : "?" + query), method: method, headers: fields,
            body: ByteBuffer(bytes: body))
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
