import Foundation
import Testing

extension RealClients.BucketKeyLecture {
    /// S3 Bucket Keys over real HTTP (issue #4): the KMS call counts in `coffer_kms_requests_total{caller="s3"}`,
    /// driven with curl (`--aws-sigv4`) for speed and with the aws CLI for its Bucket Key options.
    @Suite(
        .serialized,
        .enabled(
            if: Interop.enabled(Interop.aws) && Interop.enabled(Interop.curl), "the aws CLI or curl is not installed")
    )
    struct BucketKeyInteropTests {
        static let objects = 10

        let server: CofferProcess
        let aws: AWSCLI
        let body: URL

        init() async throws {
            server = try await CofferProcess.started()
            aws = AWSCLI(server: server)
            body = server.dataDirectory.deletingLastPathComponent().appendingPathComponent(
                "bk-\(UUID().uuidString).txt")
            try Data(String(repeating: "bucket keys over HTTP\n", count: 50).utf8).write(to: body)
        }

        /// The S3 caller's GenerateDataKey and Decrypt counts.
        func kmsCalls() async throws -> (generate: Int, decrypt: Int) {
            (
                try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3"),
                try await Metrics.kmsRequests(server, operation: "Decrypt", caller: "s3")
            )
        }

        /// A bucket whose default encryption is SSE-KMS under `keyArn`, with or without Bucket Keys.
        func kmsBucket(_ name: String, keyArn: String, bucketKeys: Bool) async throws {
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", name])
            let rule =
                #"{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":""#
                + keyArn + #""},"BucketKeyEnabled":\#(bucketKeys)}]}"#
            _ = try await aws.json([
                "s3api", "put-bucket-encryption", "--bucket", name, "--server-side-encryption-configuration", rule,
            ])
        }

        func createKey() async throws -> String {
            let key = try await aws.json(["kms", "create-key", "--description", "bucket keys"])
            return try #require((key["KeyMetadata"] as? [String: Any])?["Arn"] as? String)
        }

        /// `curl --aws-sigv4` with the interop credentials; `-D -` prints the response headers first.
        func curl(_ arguments: [String]) async throws -> Shell.Result {
            let curl = try #require(Interop.curl, "curl is not installed")
            return try await Shell.run(
                curl,
                [
                    "-sS", "--fail-with-body", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user",
                    "\(CofferProcess.accessKeyId):\(CofferProcess.secretAccessKey)",
                ] + arguments)
        }

        func put(_ bucket: String, _ key: String, headers: [String] = []) async throws -> Shell.Result {
            let result = try await curl(
                ["-T", body.path, "-D", "-", "-o", "/dev/null"] + headers.flatMap { ["-H", $0] }
                    + ["\(server.endpoint)/\(bucket)/\(key)"])
            try #require(result.status == 0, "PUT \(bucket)/\(key): \(result.stderr) \(result.stdout)")
            return result
        }

        func getAll(_ bucket: String) async throws {
            let expected = try String(contentsOf: body, encoding: .utf8)
            for index in 0..<Self.objects {
                let result = try await curl(["\(server.endpoint)/\(bucket)/o\(index)"])
                try #require(result.status == 0, "GET \(bucket)/o\(index): \(result.stderr)")
                #expect(result.stdout == expected.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }

        @Test func nPutsAndNGetsCostTwoNWithoutBucketKeysAndOneWith() async throws {
            // Given two SSE-KMS buckets under one key, one with Bucket Keys in its default encryption.
            let keyArn = try await createKey()
            try await kmsBucket("bk-off", keyArn: keyArn, bucketKeys: false)
            try await kmsBucket("bk-on", keyArn: keyArn, bucketKeys: true)

            // When N PUTs then N GETs go to the bucket without Bucket Keys: N GenerateDataKey, N Decrypt.
            let start = try await kmsCalls()
            for index in 0..<Self.objects {
                let answer = try await put("bk-off", "o\(index)")
                #expect(!answer.stdout.lowercased().contains("x-amz-server-side-encryption-bucket-key-enabled"))
            }
            try await getAll("bk-off")
            let afterOff = try await kmsCalls()
            #expect(afterOff.generate - start.generate == Self.objects)
            #expect(afterOff.decrypt - start.decrypt == Self.objects)

            // Then the same with Bucket Keys: one GenerateDataKey in total, and no Decrypt (the PUT seeded the cache).
            for index in 0..<Self.objects {
                let answer = try await put("bk-on", "o\(index)")
                #expect(answer.stdout.lowercased().contains("x-amz-server-side-encryption-bucket-key-enabled: true"))
            }
            try await getAll("bk-on")
            let afterOn = try await kmsCalls()
            #expect(afterOn.generate - afterOff.generate == 1)
            #expect(afterOn.decrypt - afterOff.decrypt == 0)
        }

        @Test func aRestartCostsOneDecryptForAllObjectsOfABucketKey() async throws {
            let keyArn = try await createKey()
            try await kmsBucket("bk-restart", keyArn: keyArn, bucketKeys: true)
            for index in 0..<Self.objects { _ = try await put("bk-restart", "o\(index)") }

            // When the server restarts, its caches and counters start empty.
            try await server.restart()
            try await getAll("bk-restart")

            // Then N GETs under one bucket key cost exactly one Decrypt, and no GenerateDataKey.
            let calls = try await kmsCalls()
            #expect(calls.decrypt == 1)
            #expect(calls.generate == 0)
        }

        @Test func anExplicitObjectLevelFalseOverridesTheBucketDefault() async throws {
            let keyArn = try await createKey()
            try await kmsBucket("bk-opt-out", keyArn: keyArn, bucketKeys: true)
            let start = try await kmsCalls()
            for index in 0..<Self.objects {
                let answer = try await put(
                    "bk-opt-out", "o\(index)", headers: ["x-amz-server-side-encryption-bucket-key-enabled: false"])
                #expect(answer.stdout.lowercased().contains("x-amz-server-side-encryption: aws:kms"))
                #expect(!answer.stdout.lowercased().contains("x-amz-server-side-encryption-bucket-key-enabled"))
            }
            try await getAll("bk-opt-out")
            let calls = try await kmsCalls()
            #expect(calls.generate - start.generate == Self.objects)
            #expect(calls.decrypt - start.decrypt == Self.objects)
            let head = try await aws.json(["s3api", "head-object", "--bucket", "bk-opt-out", "--key", "o0"])
            #expect(head["BucketKeyEnabled"] == nil)
        }

        @Test func awsCLIPutObjectBucketKeyEnabledAndPutBucketEncryption() async throws {
            let keyArn = try await createKey()
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "cli-bk"])

            // `put-object --bucket-key-enabled` on a bucket without default encryption.
            let put = try await aws.json([
                "s3api", "put-object", "--bucket", "cli-bk", "--key", "asked", "--body", body.path,
                "--server-side-encryption", "aws:kms", "--ssekms-key-id", keyArn, "--bucket-key-enabled",
            ])
            #expect(put["BucketKeyEnabled"] as? Bool == true)
            #expect(put["SSEKMSKeyId"] as? String == keyArn)

            // `put-bucket-encryption` with BucketKeyEnabled, then a PUT that says nothing about encryption.
            try await kmsBucket("cli-bk-default", keyArn: keyArn, bucketKeys: true)
            let configuration = try await aws.json(["s3api", "get-bucket-encryption", "--bucket", "cli-bk-default"])
            let rules =
                (configuration["ServerSideEncryptionConfiguration"] as? [String: Any])?["Rules"] as? [[String: Any]]
            #expect(rules?.first?["BucketKeyEnabled"] as? Bool == true)
            let byDefault = try await aws.json([
                "s3api", "put-object", "--bucket", "cli-bk-default", "--key", "default", "--body", body.path,
            ])
            #expect(byDefault["ServerSideEncryption"] as? String == "aws:kms")
            #expect(byDefault["BucketKeyEnabled"] as? Bool == true)
            let head = try await aws.json(["s3api", "head-object", "--bucket", "cli-bk-default", "--key", "default"])
            #expect(head["BucketKeyEnabled"] as? Bool == true)
            let out = body.deletingLastPathComponent().appendingPathComponent("bk-\(UUID().uuidString).out")
            let get = try await aws.json([
                "s3api", "get-object", "--bucket", "cli-bk-default", "--key", "default", out.path,
            ])
            #expect(get["BucketKeyEnabled"] as? Bool == true)
            #expect(try Data(contentsOf: out) == Data(contentsOf: body))
        }
    }
}
