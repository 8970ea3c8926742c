import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// `/_coffer/stats` and the metrics of issue #4: S3 requests, bytes, bucket-key caches and KMS latency.
@Suite("Stats and metrics")
struct StatsRoutesTests {
    static let body = Array(String(repeating: "stats and metrics\n", count: 100).utf8)

    /// Given a bucket with Bucket Keys by default, when one object is PUT twice and read back, then the stats show
    /// one GenerateDataKey, a write miss, a write hit, a read hit and the bucket's usage.
    @Test func statsSummarizeKMSCallsCachesAndBuckets() async throws {
        try await TestServer.run { client in
            let keyId = try await client.createKey()
            try await Self.bucketKeyBucket(client, keyId: keyId)
            #expect(try await client.s3(.put, "/stats-bucket/a", body: Self.body).status == .ok)
            #expect(try await client.s3(.put, "/stats-bucket/b", body: Self.body).status == .ok)
            let got = try await client.s3(.get, "/stats-bucket/a")
            #expect(Array(got.body.readableBytesView) == Self.body)

            let response = try await client.s3(.get, "/_coffer/stats")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let stats = try JSONDecoder().decode(CofferStats.self, from: Data(response.body.readableBytesView))
            #expect(stats.kmsRequests(caller: "s3", operation: "GenerateDataKey") == 1)
            #expect(stats.kmsRequests(caller: "s3", operation: "Decrypt") == 0)
            #expect(stats.kmsRequests(caller: "api", operation: "CreateKey") == 1)
            #expect(stats.bucketKeyCache["writes"]?.misses == 1)
            #expect(stats.bucketKeyCache["writes"]?.hits == 1)
            #expect(stats.bucketKeyCache["reads"]?.hits == 1)
            #expect(stats.bucketKeyCache["reads"]?.entries == 1)
            let bucket = try #require(stats.buckets.first)
            #expect(stats.buckets.count == 1)
            #expect(bucket.name == "stats-bucket" && bucket.objects == 2)
            #expect(bucket.bytes == Int64(2 * Self.body.count))
        }
    }

    /// Several nodes share one database: each says which node answered, in the stats and in the metrics.
    @Test func statsAndMetricsNameTheNode() async throws {
        let named: (inout CofferConfiguration) -> Void = { $0.nodeName = "node-\"b\"" }
        try await TestServer.run(configure: named) { client in
            let response = try await client.s3(.get, "/_coffer/stats")
            let stats = try JSONDecoder().decode(CofferStats.self, from: Data(response.body.readableBytesView))
            #expect(stats.node == "node-\"b\"")
            let metrics = String(buffer: try await client.get("/_coffer/metrics").body)
            #expect(metrics.contains("coffer_node_info{node=\"node-\\\"b\\\"\"} 1\n"), "\(metrics.suffix(300))")
        }
        try await TestServer.run { client in
            let response = try await client.s3(.get, "/_coffer/stats")
            let stats = try JSONDecoder().decode(CofferStats.self, from: Data(response.body.readableBytesView))
            #expect(stats.node == "\(ProcessInfo.processInfo.hostName):0", "by default <host name>:<port>")
        }
    }

    @Test func statsOfAnEmptyServer() async throws {
        try await TestServer.run { client in
            let response = try await client.s3(.get, "/_coffer/stats")
            let stats = try JSONDecoder().decode(CofferStats.self, from: Data(response.body.readableBytesView))
            #expect(stats.buckets.isEmpty)
            #expect(stats.kmsRequests == ["api": [:], "s3": [:]])
            #expect(stats.bucketKeyCache["writes"]?.entries == 0)
        }
    }

    /// The stats name every bucket: only the root user's signed requests get them, as the audit trail.
    @Test func statsAnswerSignedRootRequestsOnly() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-stats-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try TestServer.configuration(in: directory, users: AuditHTTPTests.users)
        try await buildApplication(configuration: configuration).test(.router) { client in
            let root = KMSTestClient(client: client)
            #expect(try await root.s3(.put, "/private-bucket-name").status == .ok)
            let anonymous = try await root.get("/_coffer/stats")
            #expect(anonymous.status == .forbidden)
            #expect(!String(buffer: anonymous.body).contains("private-bucket-name"))
            var forger = root
            forger.signer.secretAccessKey = "not-the-secret"
            #expect(try await forger.s3(.get, "/_coffer/stats").status == .forbidden)
            let bob = KMSTestClient(client: client, signer: AuditHTTPTests.bob)
            let user = try await bob.s3(.get, "/_coffer/stats")
            #expect(user.status == .forbidden)
            #expect(String(buffer: user.body).contains("Only the account's root user"))
            let granted = try await root.s3(.get, "/_coffer/stats")
            #expect(granted.status == .ok)
            #expect(String(buffer: granted.body).contains("private-bucket-name"))
        }
    }

    /// `health` and `metrics` stay open and name no bucket and no key, whatever was asked of the server.
    @Test func openRoutesNameNoBucketAndNoKey() async throws {
        try await TestServer.run { client in
            let keyId = try await client.createKey()
            #expect(try await client.s3(.put, "/zebra-unicorn-bucket").status == .ok)
            #expect(try await client.s3(.put, "/zebra-unicorn-bucket/quokka-secret-key", body: Self.body).status == .ok)
            _ = try await client.s3(
                .put, "/zebra-unicorn-bucket/quokka-kms-key",
                headers: [
                    ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", keyId),
                ], body: Self.body)
            _ = try await client.s3(.get, "/zebra-unicorn-bucket/quokka-secret-key")
            _ = try await client.s3(.get, "/zebra-unicorn-bucket/quokka-missing-key")
            _ = try await client.s3(.get, "/zebra-unicorn-missing-bucket/quokka-other")
            _ = try await client.call("DescribeKey", ["KeyId": keyId])
            _ = try await client.call("DescribeKey", ["KeyId": "alias/quokka-alias"])
            for path in ["/_coffer/metrics", "/_coffer/health"] {
                let response = try await client.get(path)
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                for name in ["zebra", "unicorn", "quokka", keyId] { #expect(!text.contains(name), "\(path): \(name)") }
            }
        }
    }

    @Test func metricsShowS3RequestsBytesCachesAndKMSLatency() async throws {
        try await TestServer.run { client in
            let keyId = try await client.createKey()
            try await Self.bucketKeyBucket(client, keyId: keyId)
            #expect(try await client.s3(.put, "/stats-bucket/a", body: Self.body).status == .ok)
            #expect(try await client.s3(.get, "/stats-bucket/missing").status == .notFound)
            _ = try await client.s3(.get, "/stats-bucket/a")

            let text = String(buffer: try await client.get("/_coffer/metrics").body)
            #expect(text.contains(#"coffer_s3_requests_total{operation="PutObject",status="200"}"#))
            #expect(text.contains(#"coffer_s3_requests_total{operation="GetObject",status="404"}"#))
            #expect(Self.value(#"coffer_s3_bytes_received_total"#, in: text) ?? 0 >= Double(Self.body.count))
            #expect(Self.value(#"coffer_s3_bytes_sent_total"#, in: text) ?? 0 >= Double(Self.body.count))
            #expect(Self.value(#"coffer_bucket_key_cache_misses_total{cache="writes"}"#, in: text) == 1)
            #expect(Self.value(#"coffer_bucket_key_cache_hits_total{cache="reads"}"#, in: text) == 1)
            #expect(Self.value(#"coffer_bucket_key_cache_entries{cache="writes"}"#, in: text) == 1)
            #expect(Self.value(#"coffer_bucket_key_cache_in_flight{cache="reads"}"#, in: text) == 0)
            #expect(text.contains("# TYPE coffer_bucket_key_cache_hits_total counter"))
            #expect(text.contains(#"coffer_kms_request_duration_seconds_count{operation="CreateKey",caller="api"}"#))
            #expect(
                text.contains(#"coffer_kms_request_duration_seconds_count{operation="GenerateDataKey",caller="s3"}"#))
        }
    }

    /// A bucket `stats-bucket` with SSE-KMS under `keyId` and Bucket Keys in its default encryption.
    static func bucketKeyBucket(_ client: KMSTestClient, keyId: String) async throws {
        #expect(try await client.s3(.put, "/stats-bucket").status == .ok)
        let xml = """
            <ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>\
            <SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>\(keyId)</KMSMasterKeyID>\
            </ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>\
            </ServerSideEncryptionConfiguration>
            """
        let answer = try await client.s3(.put, "/stats-bucket", query: "encryption", body: Array(xml.utf8))
        #expect(answer.status == .ok, "\(String(buffer: answer.body))")
    }

    /// The value of the series named exactly `series` (name and labels) in Prometheus text.
    static func value(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
