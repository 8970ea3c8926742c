import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Sends signed KMS JSON requests through a HummingbirdTesting client and parses the answers.
struct KMSTestClient: Sendable {
    let client: any TestClientProtocol
    var signer = TestSigner()

    /// The answer to one request.
    struct Answer: @unchecked Sendable {  // the JSON object is only read by the test that made the request
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var json: [String: Any]

        /// `__type` of an error answer.
        var errorType: String? { json["__type"] as? String }
        /// `message` of an error answer.
        var message: String? { json["message"] as? String }
        /// A string member of a successful answer.
        subscript(_ member: String) -> String? { json[member] as? String }
        /// A base64 member, decoded.
        func bytes(_ member: String) -> [UInt8]? {
            (json[member] as? String).flatMap { Data(base64Encoded: $0) }.map(Array.init)
        }
    }

    /// Calls `TrentService.<operation>` with `input` as its JSON body, signed by `signer`.
    func call(_ operation: String, _ input: [String: Any] = [:], signer: TestSigner? = nil) async throws -> Answer {
        let body = try JSONSerialization.data(withJSONObject: input)
        return try await send(target: "TrentService.\(operation)", body: Array(body), signer: signer ?? self.signer)
    }

    /// Sends `body` as-is to `target`, signed unless `signer` is nil.
    func send(target: String, body: [UInt8], signer: TestSigner?, extraHeaders: HTTPFields = [:]) async throws -> Answer
    {
        var headers =
            signer?.kmsHeaders(target: target, body: body) ?? [
                .contentType: "application/x-amz-json-1.1", HTTPField.Name("X-Amz-Target")!: target,
            ]
        headers.append(contentsOf: extraHeaders)
        let response = try await client.execute(
            uri: "/", method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return Self.answer(response)
    }

    /// A plain GET, unsigned.
    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get)
    }

    /// Creates a symmetric key and returns its id.
    func createKey(description: String = "test key") async throws -> String {
        let answer = try await call("CreateKey", ["Description": description])
        let metadata = answer.json["KeyMetadata"] as? [String: Any]
        return metadata?["KeyId"] as? String ?? ""
    }

    static func answer(_ response: TestResponse) -> Answer {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
        return Answer(status: response.status, headers: response.headers, json: object ?? [:])
    }
}
