import AuditTrail
import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SigV4
import Testing

/// The audit trail, IAM users and `GET /_coffer/audit` through real servers built from a configuration.
@Suite("Audit trail and IAM users over HTTP")
struct AuditHTTPTests {
    static let users = """
        {"users": [{"name": "bob", "accessKeyId": "AKIABOBTEST", "secretAccessKey": "bob-secret-key"}]}
        """
    static let bob = TestSigner(accessKeyId: "AKIABOBTEST", secretAccessKey: "bob-secret-key")

    /// A signed `GET /_coffer/audit?<query>` (service `s3`, any service is accepted).
    static func auditRequest(
        _ client: any TestClientProtocol, query: String, accessKeyId: String = TestSigner().accessKeyId,
        secret: String = TestSigner().secretAccessKey
    ) async throws -> TestResponse {
        let signer = SigV4Signer(accessKeyId: accessKeyId, secretAccessKey: secret, region: "us-east-1", service: "s3")
        let signed = signer.sign(
            SigV4Request(method: "GET", path: "/_coffer/audit", query: query, headers: [("host", "localhost")]))
        var headers = HTTPFields()
        for (name, value) in signed.headers where name != "host" { headers[HTTPField.Name(name)!] = value }
        return try await client.execute(uri: "/_coffer/audit?\(query)", method: .get, headers: headers)
    }

    @Test func successAndFailureAreRecordedAndSurviveARestart() async throws {
        // Given a server with one IAM user, bob, who has no IAM policy,
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-audit-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try TestServer.configuration(in: directory, users: Self.users)

        // when root generates a data key and bob tries to,
        let first = try await buildApplication(configuration: configuration)
        let (keyId, requestId, dataKey) = try await first.test(.router) { client in
            let kms = KMSTestClient(client: client)
            let keyId = try await kms.createKey()
            let generated = try await kms.call(
                "GenerateDataKey", ["KeyId": keyId, "KeySpec": "AES_256", "EncryptionContext": ["app": "audit"]])
            #expect(generated.status == .ok)
            let denied = try await kms.call(
                "GenerateDataKey", ["KeyId": keyId, "KeySpec": "AES_256"], signer: Self.bob)
            #expect(denied.errorType == "AccessDeniedException")
            #expect(
                denied.message
                    == "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:GenerateDataKey "
                    + "on resource: arn:aws:kms:us-east-1:111122223333:key/\(keyId) because no identity-based "
                    + "policy allows the kms:GenerateDataKey action")
            return (keyId, generated.headers[HTTPField.Name("x-amzn-RequestId")!] ?? "", generated["Plaintext"] ?? "")
        }

        // then, after a restart, the trail holds both events, attributed, and no secret.
        let second = try await buildApplication(configuration: configuration)
        try await second.test(.router) { client in
            let response = try await Self.auditRequest(client, query: "event=GenerateDataKey&key=\(keyId)")
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            let events = try text.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            try #require(events.count == 2, "\(text)")
            let identities = events.map { $0["userIdentity"] as? [String: Any] }
            #expect(
                identities.map { $0?["arn"] as? String } == [
                    "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/bob",
                ])
            #expect(identities.map { $0?["type"] as? String } == ["Root", "IAMUser"])
            #expect(events[0]["requestID"] as? String == requestId)
            #expect(events[0]["errorCode"] == nil)
            #expect(events[1]["errorCode"] as? String == "AccessDeniedException")
            let parameters = events[0]["requestParameters"] as? [String: Any]
            #expect(parameters?["encryptionContext"] as? [String: String] == ["app": "audit"])
            #expect(parameters?["keySpec"] as? String == "AES_256")
            #expect(!dataKey.isEmpty && !text.contains(dataKey))
            #expect(!text.contains("bob-secret-key") && !text.contains(TestSigner().secretAccessKey))

            // Only the root user may read it, and only signed.
            let asBob = try await Self.auditRequest(
                client, query: "limit=1", accessKeyId: "AKIABOBTEST", secret: "bob-secret-key")
            #expect(asBob.status == .forbidden)
            #expect(try await client.execute(uri: "/_coffer/audit", method: .get).status == .forbidden)
            let array = try await Self.auditRequest(client, query: "format=json&limit=1")
            let decoded = try JSONSerialization.jsonObject(with: Data(String(buffer: array.body).utf8)) as? [Any]
            #expect(decoded?.count == 1)
        }
    }

    /// A SigV4-signed S3 request (unsigned payload), as the root user.
    static func s3Request(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, body: String = "",
        headers extra: [(String, String)] = []
    ) async throws -> TestResponse {
        let signer = SigV4Signer(
            accessKeyId: TestSigner().accessKeyId, secretAccessKey: TestSigner().secretAccessKey, region: "us-east-1",
            service: "s3")
        let signed = signer.sign(
            SigV4Request(method: method.rawValue, path: path, query: "", headers: [("host", "localhost")] + extra),
            payloadHash: SigV4Verifier.unsignedPayload)
        var headers = HTTPFields()
        for (name, value) in signed.headers where name != "host" { headers[HTTPField.Name(name)!] = value }
        return try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func s3CallsAreAttributedToTheRequesterAndTheS3Request() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-audit-s3-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = TestServer.configuration(dataDirectory: directory)
        // Given a bucket, when the root user PUTs an object with SSE-KMS under the AWS managed key,
        let application = try await buildApplication(configuration: configuration)
        let putRequestId = try await application.test(.router) { client in
            #expect(try await Self.s3Request(client, .put, "/audited").status == .ok)
            let put = try await Self.s3Request(
                client, .put, "/audited/object.txt", body: "hello",
                headers: [("x-amz-server-side-encryption", "aws:kms")])
            #expect(put.status == .ok)
            return put.headers[HTTPField.Name("x-amz-request-id")!]
        }
        // then the trail shows S3's GenerateDataKey on the requester's behalf, with the S3 request's id.
        let events = try AuditReader(directory: directory.appendingPathComponent("audit").path)
            .events(matching: AuditQuery(eventName: "GenerateDataKey"))
        let event = try #require(events.last)
        #expect(event.userIdentity.arn == "arn:aws:iam::111122223333:root")
        #expect(event.userIdentity.invokedBy == "s3.amazonaws.com")
        #expect(event.requestID == putRequestId)
        #expect(
            event.requestParameters?[.encryptionContext]
                == .object(["aws:s3:arn": .string("arn:aws:s3:::audited/object.txt")]))
    }

    @Test func theHTTPTrailIncludesEveryCallAnsweredBeforeIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-audit-now-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let application = try await buildApplication(configuration: TestServer.configuration(dataDirectory: directory))
        try await application.test(.router) { client in
            // Given a key, when a burst of Encrypt calls is answered, the very next read of the trail lists them all:
            // the server syncs pending events before it reads (no waiting for the writer's next batch).
            let kms = KMSTestClient(client: client)
            let keyId = try await kms.createKey()
            for _ in 0..<20 {
                let encrypted = try await kms.call("Encrypt", ["KeyId": keyId, "Plaintext": "aGVsbG8="])
                try #require(encrypted.status == .ok)
            }
            let response = try await Self.auditRequest(client, query: "event=Encrypt&key=\(keyId)")
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).split(separator: "\n").count == 20)
        }
    }

    @Test func aBadUsersFileStopsTheServer() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-users-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try TestServer.configuration(
            in: directory,
            users: #"{"users": [{"name": "eve", "accessKeyId": "COFFERACCESSKEY0000", "secretAccessKey": "x"}]}"#)
        await #expect(throws: CofferConfigurationError.self) {
            _ = try await buildApplication(configuration: configuration)
        }
    }
}
