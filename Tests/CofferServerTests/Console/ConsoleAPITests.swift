import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The console's JSON routes: who signed, the request inspector and object envelopes, and who may read them.
@Suite("Console API")
struct ConsoleAPITests {
    /// alice may do anything in S3 on the bucket `open` only; bob may do nothing.
    static let users = """
        {"users": [
          {"name": "alice", "accessKeyId": "AKIAALICECONSOLE0001", "secretAccessKey": "alice-secret",
           "policy": {"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::open", "arn:aws:s3:::open/*"]}]}},
          {"name": "bob", "accessKeyId": "AKIABOBTEST", "secretAccessKey": "bob-secret-key"}
        ]}
        """
    static let alice = TestSigner(accessKeyId: "AKIAALICECONSOLE0001", secretAccessKey: "alice-secret")

    static func withUsers(_ body: @Sendable (KMSTestClient, any TestClientProtocol) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-console-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try TestServer.configuration(in: directory, users: users)
        try await buildApplication(configuration: configuration).test(.router) { client in
            try await body(KMSTestClient(client: client), client)
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// The sign-in check: the signer's ARN and whether it is the root user; a wrong secret is refused as KMS refuses.
    @Test func whoamiNamesTheSigner() async throws {
        try await Self.withUsers { root, client in
            let rootAnswer = try Self.json(try await root.s3(.get, "/_coffer/console/api/whoami"))
            #expect(rootAnswer["arn"] as? String == "arn:aws:iam::111122223333:root")
            #expect(rootAnswer["isRoot"] as? Bool == true)
            #expect(rootAnswer["userName"] == nil)
            let alice = KMSTestClient(client: client, signer: Self.alice)
            let aliceAnswer = try Self.json(try await alice.s3(.get, "/_coffer/console/api/whoami"))
            #expect(aliceAnswer["arn"] as? String == "arn:aws:iam::111122223333:user/alice")
            #expect(aliceAnswer["userName"] as? String == "alice")
            #expect(aliceAnswer["isRoot"] as? Bool == false)
            var forger = root
            forger.signer.secretAccessKey = "not-the-secret"
            let refused = try await forger.s3(.get, "/_coffer/console/api/whoami")
            #expect(refused.status == .forbidden)
            #expect(try Self.json(refused)["__type"] as? String == "InvalidSignatureException")
            #expect(try await root.get("/_coffer/console/api/whoami").status == .forbidden)
        }
    }

    /// The live counters, the experiment and the inspector reveal the whole account: root only.
    @Test func accountWideViewsAreRootOnly() async throws {
        try await Self.withUsers { root, client in
            let alice = KMSTestClient(client: client, signer: Self.alice)
            for path in [
                "/_coffer/console/api/live", "/_coffer/console/api/requests", "/_coffer/console/api/experiment",
            ] {
                let refused = try await alice.s3(.get, path)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(try Self.json(refused)["__type"] as? String == "AccessDenied")
                #expect(try await root.get(path).status == .forbidden, "\(path) unsigned")
            }
            let started = try await alice.s3(
                .post, "/_coffer/console/api/experiment", body: Array(#"{"objects": 5}"#.utf8))
            #expect(started.status == .forbidden)
            #expect(try await root.s3(.get, "/_coffer/console/api/experiment").status == .ok)
        }
    }

    /// The envelope is authorized as `s3:GetObject` on the object, as S3 authorizes a GET.
    @Test func envelopeIsAuthorizedAsGetObject() async throws {
        try await Self.withUsers { root, client in
            for bucket in ["open", "closed"] {
                #expect(try await root.s3(.put, "/\(bucket)").status == .ok)
                #expect(try await root.s3(.put, "/\(bucket)/note.txt", body: Array("hello".utf8)).status == .ok)
            }
            let alice = KMSTestClient(client: client, signer: Self.alice)
            let allowed = try await alice.s3(.get, "/_coffer/console/api/envelope", query: "bucket=open&key=note.txt")
            #expect(allowed.status == .ok)
            let denied = try await alice.s3(.get, "/_coffer/console/api/envelope", query: "bucket=closed&key=note.txt")
            #expect(denied.status == .forbidden)
            #expect(try Self.json(denied)["__type"] as? String == "AccessDenied")
            let bob = KMSTestClient(client: client, signer: AuditHTTPTests.bob)
            #expect(
                try await bob.s3(.get, "/_coffer/console/api/envelope", query: "bucket=open&key=note.txt").status
                    == .forbidden)
            let missing = try await root.s3(.get, "/_coffer/console/api/envelope", query: "bucket=open&key=gone")
            #expect(missing.status == .notFound)
            #expect(try Self.json(missing)["__type"] as? String == "NoSuchKey")
            let noBucket = try await root.s3(.get, "/_coffer/console/api/envelope", query: "bucket=nope&key=a")
            #expect(try Self.json(noBucket)["__type"] as? String == "NoSuchBucket")
            let incomplete = try await root.s3(.get, "/_coffer/console/api/envelope", query: "bucket=open")
            #expect(incomplete.status == .badRequest)
            // A bucket policy's explicit deny holds here too, even against alice's allowing IAM policy.
            let deny =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::open/*"}]}"#
            #expect(try await root.s3(.put, "/open", query: "policy", body: Array(deny.utf8)).status == .noContent)
            let deniedByPolicy = try await alice.s3(
                .get, "/_coffer/console/api/envelope", query: "bucket=open&key=note.txt")
            #expect(deniedByPolicy.status == .forbidden)
            #expect(try await alice.s3(.get, "/open/note.txt").status == .forbidden)
        }
    }

    /// Each kind of envelope: SSE-S3, SSE-KMS with a per-object data key, SSE-KMS with a Bucket Key; inline rows
    /// and blob files, with their sealed sizes.
    @Test func envelopesDescribeEachEncryption() async throws {
        try await TestServer.run { client in
            let keyId = try await client.createKey()
            try await StatsRoutesTests.bucketKeyBucket(client, keyId: keyId)
            #expect(try await client.s3(.put, "/plain").status == .ok)
            let small = Array("small object".utf8)
            let large = [UInt8](repeating: 42, count: 200_000)
            #expect(try await client.s3(.put, "/plain/s3.txt", body: small).status == .ok)
            let kmsHeaders = [
                ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", keyId),
            ]
            #expect(try await client.s3(.put, "/plain/kms.txt", headers: kmsHeaders, body: small).status == .ok)
            #expect(try await client.s3(.put, "/stats-bucket/large.bin", body: large).status == .ok)

            func envelope(_ bucket: String, _ key: String) async throws -> [String: Any] {
                try Self.json(
                    try await client.s3(.get, "/_coffer/console/api/envelope", query: "bucket=\(bucket)&key=\(key)"))
            }
            let sseS3 = try await envelope("plain", "s3.txt")
            #expect(sseS3["algorithm"] as? String == "AES256")
            #expect(sseS3["keySource"] as? String == "sse-s3-wrapped")
            #expect(sseS3["kmsKeyArn"] == nil)
            #expect(sseS3["storage"] as? String == "inline")
            #expect(sseS3["sealedBytes"] as? Int == 32 + small.count + 16)

            let kms = try await envelope("plain", "kms.txt")
            #expect(kms["algorithm"] as? String == "aws:kms")
            #expect(kms["keySource"] as? String == "kms-data-key")
            #expect((kms["kmsKeyArn"] as? String)?.hasSuffix(keyId) == true)
            #expect((kms["encryptedDataKeyBytes"] as? Int ?? 0) > 32)
            #expect((kms["encryptionContext"] as? [String: String])?["aws:s3:arn"] == "arn:aws:s3:::plain/kms.txt")

            let derived = try await envelope("stats-bucket", "large.bin")
            #expect(derived["keySource"] as? String == "bucket-key-derived")
            #expect(derived["bucketKeyEnabled"] as? Bool == true)
            #expect(derived["encryptedDataKeyBytes"] == nil)
            #expect((derived["bucketKeyId"] as? String)?.count == 8)
            #expect(derived["storage"] as? String == "blob")
            let segments = (large.count + 65_535) / 65_536
            #expect(derived["sealedBytes"] as? Int == 32 + large.count + 16 * segments, "\(derived)")
        }
    }
}
