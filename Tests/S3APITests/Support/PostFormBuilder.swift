import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SigV4

/// Builds a browser POST upload as a client would: a policy, its SigV4 signature, and the multipart body.
struct PostFormBuilder {
    static let boundary = "----CofferPostBoundary42"

    var fields: [(String, String)] = []
    var file = "hello from a form"
    var fileName = "hello.txt"

    /// A SigV4-signed form for `conditions` (JSON items), with the signature fields and `extra` fields.
    static func signed(
        conditions: [String], fields extra: [(String, String)], expiration: Date = Date().addingTimeInterval(600),
        accessKeyId: String = S3TestHarness.accessKeyId, secret: String = S3TestHarness.secretAccessKey
    ) -> PostFormBuilder {
        let date = "20261208"
        let credential = "\(accessKeyId)/\(date)/\(S3TestHarness.region)/s3/aws4_request"
        let signatureFields = [
            ("x-amz-algorithm", "AWS4-HMAC-SHA256"), ("x-amz-credential", credential),
            ("x-amz-date", "\(date)T000000Z"),
        ]
        let all =
            conditions + signatureFields.map { #"{"\#($0.0)": "\#($0.1)"}"# }
        let formatter = ISO8601DateFormatter()
        let document =
            #"{"expiration": "\#(formatter.string(from: expiration))", "conditions": [\#(all.joined(separator: ", "))]}"#
        let policy = Data(document.utf8).base64EncodedString()
        let key = SigningKey(secretAccessKey: secret, date: date, region: S3TestHarness.region, service: "s3")
        return PostFormBuilder(
            fields: extra + signatureFields + [("policy", policy), ("x-amz-signature", key.signature(for: policy))])
    }

    /// The multipart body: the fields, then the file.
    var body: ByteBuffer {
        var text = ""
        for (name, value) in fields {
            text += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n"
        text += "Content-Type: application/octet-stream\r\n\r\n\(file)\r\n--\(Self.boundary)--\r\n"
        return ByteBuffer(string: text)
    }

    /// POSTs the form to `/<bucket>`.
    func post(to bucket: String, _ client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/\(bucket)", method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(Self.boundary)"],
            body: body)
    }
}
