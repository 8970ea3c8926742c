import CofferConsole
import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ObjectStore
import Testing

/// The request inspector: each S3 request's envelope steps, in a bounded ring, without key or object bytes.
@Suite("Request inspector")
struct RequestInspectorTests {
    static func requests(_ client: KMSTestClient, limit: Int = 50) async throws -> [[String: Any]] {
        let answer = try await client.s3(.get, "/_coffer/console/api/requests", query: "limit=\(limit)")
        #expect(answer.status == .ok)
        let json = try ConsoleAPITests.json(answer)
        return try #require(json["requests"] as? [[String: Any]])
    }

    static func steps(_ request: [String: Any]) -> [String] {
        (request["steps"] as? [[String: Any]] ?? []).map { "\($0["step"] ?? ""): \($0["detail"] ?? "")" }
    }

    /// A PUT into a Bucket Key bucket shows the miss and its one GenerateDataKey; the second PUT a hit and no call;
    /// the GET the data key derived from the cached bucket key. KMS API calls and admin routes are not S3 requests.
    @Test func bucketKeyRequestsShowTheirEnvelopeSteps() async throws {
        try await TestServer.run { client in
            let keyId = try await client.createKey()
            try await StatsRoutesTests.bucketKeyBucket(client, keyId: keyId)
            let marker = "inspector-plaintext-marker-\(UUID())"
            let body = Array(marker.utf8)
            #expect(try await client.s3(.put, "/stats-bucket/first", body: body).status == .ok)
            #expect(try await client.s3(.put, "/stats-bucket/second", body: body).status == .ok)
            #expect(try await client.s3(.get, "/stats-bucket/first").status == .ok)
            #expect(try await client.s3(.get, "/stats-bucket/missing").status == .notFound)
            _ = try await client.s3(.get, "/_coffer/stats")

            let recorded = try await Self.requests(client)
            #expect(
                recorded.map { $0["operation"] as? String } == [
                    "GetObject", "GetObject", "PutObject", "PutObject", "PutBucketEncryption", "CreateBucket",
                ])
            let (missing, get, second, first) = (recorded[0], recorded[1], recorded[2], recorded[3])
            #expect(missing["status"] as? Int == 404)
            #expect(first["bucket"] as? String == "stats-bucket" && first["key"] as? String == "first")
            #expect(first["principal"] as? String == "arn:aws:iam::111122223333:root")
            let firstSteps = Self.steps(first)
            #expect(firstSteps.first == "authenticated: SigV4 by arn:aws:iam::111122223333:root")
            #expect(firstSteps.contains { $0.hasPrefix("encryption: SSE-KMS under \(keyId), Bucket Key on") })
            #expect(firstSteps.contains("bucket-key: cache miss: one KMS call for a bucket key"))
            #expect(firstSteps.contains { $0.hasPrefix("kms-call: GenerateDataKey on \(keyId)") })
            #expect(firstSteps.contains { $0.hasPrefix("data-key: derived (HKDF) from bucket key") })
            #expect(firstSteps.contains { $0.hasPrefix("sealed: \(body.count) bytes sealed") })
            #expect(firstSteps.last == "stored: inline in the metadata row")
            let kmsCall = (first["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "kms-call" }
            #expect((kmsCall?["durationMs"] as? Double ?? -1) >= 0)

            let secondSteps = Self.steps(second)
            #expect(secondSteps.contains("bucket-key: cache hit: no KMS call"))
            #expect(!secondSteps.contains { $0.hasPrefix("kms-call") })
            let getSteps = Self.steps(get)
            #expect(getSteps.contains("bucket-key: cache hit: no KMS call"))
            #expect(getSteps.contains { $0.hasPrefix("opened: ") && $0.contains("\(body.count) bytes decrypted") })

            let text = String(buffer: try await client.s3(.get, "/_coffer/console/api/requests").body)
            #expect(!text.contains(marker))
            #expect(!text.contains("TrentService") && !text.contains("_coffer"))
        }
    }

    /// A per-object data key: GenerateDataKey on PUT, Decrypt on GET, each a `kms-call` step.
    @Test func perObjectDataKeysShowEachKMSCall() async throws {
        try await TestServer.run { client in
            let keyId = try await client.createKey()
            #expect(try await client.s3(.put, "/plain").status == .ok)
            let headers = [
                ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", keyId),
            ]
            #expect(try await client.s3(.put, "/plain/a", headers: headers, body: [1, 2, 3]).status == .ok)
            #expect(try await client.s3(.get, "/plain/a").status == .ok)
            let recorded = try await Self.requests(client, limit: 2)
            #expect(recorded.count == 2)
            #expect(Self.steps(recorded[0]).contains { $0.hasPrefix("kms-call: Decrypt on arn:aws:kms:") })
            #expect(Self.steps(recorded[0]).contains("data-key: the stored encrypted data key, decrypted by the KMS"))
            #expect(Self.steps(recorded[1]).contains { $0.hasPrefix("kms-call: GenerateDataKey on \(keyId)") })
        }
    }

    /// A request the IAM policy refuses is recorded with who asked and its 403, and no envelope step.
    @Test func refusedRequestsShowWhoWasRefused() async throws {
        try await ConsoleAPITests.withUsers { root, client in
            #expect(try await root.s3(.put, "/closed").status == .ok)
            let alice = KMSTestClient(client: client, signer: ConsoleAPITests.alice)
            #expect(try await alice.s3(.put, "/closed/secret.txt", body: [1]).status == .forbidden)
            let refused = try #require(try await Self.requests(root, limit: 1).first)
            #expect(refused["operation"] as? String == "PutObject")
            #expect(refused["principal"] as? String == "arn:aws:iam::111122223333:user/alice")
            #expect(refused["status"] as? Int == 403)
            #expect(Self.steps(refused) == ["authenticated: SigV4 by arn:aws:iam::111122223333:user/alice"])
        }
    }

    /// The ring keeps its capacity, newest first; a trace keeps at most its maximum of steps.
    @Test func ringAndTracesAreBounded() {
        let inspector = RequestInspector(capacity: 3)
        for index in 1...5 {
            let trace = EnvelopeTrace()
            for _ in 0..<(EnvelopeTrace.maximumEvents + 10) { trace.record(.bucketKey(.hit)) }
            inspector.append(
                .init(id: "\(index)", time: Date(), method: "GET", status: 200, durationMs: 1, trace: trace))
        }
        let recent = inspector.recent(limit: 10)
        #expect(recent.map(\.id) == ["5", "4", "3"])
        #expect(recent[0].trace.recorded.count == EnvelopeTrace.maximumEvents)
        #expect(inspector.recent(limit: 1).map(\.id) == ["5"])
    }
}
