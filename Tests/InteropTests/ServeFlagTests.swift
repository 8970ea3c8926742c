import Foundation
import Testing

extension RealClients.BucketKeyLecture {
    /// `coffer serve --bucket-key-ttl` and `--bucket-key-max-uses`: documented, validated, and passed to the store.
    @Suite(.enabled(if: Interop.enabled(Interop.curl), "curl is not installed"))
    struct ServeFlagTests {
        @Test func helpDocumentsTheBucketKeyFlagsAndTheirDefaults() async throws {
            let result = try await Shell.run(try CofferProcess.cofferBinary().path, ["serve", "--help"], timeout: 30)
            #expect(result.status == 0)
            #expect(result.stdout.contains("--bucket-key-ttl <seconds>"))
            #expect(result.stdout.contains("5 minutes") && result.stdout.contains("(default: 300)"))
            #expect(result.stdout.contains("revocation lag"))
            #expect(result.stdout.contains("--bucket-key-max-uses <n>"))
            #expect(result.stdout.contains("/_coffer/stats"))
            #expect(
                result.stdout.contains("--header-read-timeout <seconds>") && result.stdout.contains("(default: 20)"))
            #expect(result.stdout.contains("--max-connections <n>") && result.stdout.contains("(default: 4096)"))
        }

        @Test(arguments: [
            ["--bucket-key-ttl", "0"], ["--bucket-key-max-uses", "0"], ["--bucket-key-ttl=-5"],
            ["--header-read-timeout", "0"], ["--max-connections", "0"],
        ])
        func nonPositiveValuesAreRefused(_ arguments: [String]) async throws {
            let result = try await Shell.run(
                try CofferProcess.cofferBinary().path, ["serve", "--port", "0"] + arguments, timeout: 30)
            #expect(result.status != 0)
            #expect(result.stderr.contains("must be at least 1"), "\(result.stderr)")
        }

        /// With a 1-second TTL, a PUT after the bucket key expired asks the KMS for a new one.
        @Test func theTTLReachesTheStore() async throws {
            let server = try await CofferProcess.started(extraArguments: ["--bucket-key-ttl", "1"])
            try await put(server, "/a")
            let first = try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3")
            try await Task.sleep(for: .milliseconds(1500))
            try await put(server, "/b")
            #expect(try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3") == first + 1)
        }

        /// With at most 2 uses, the third PUT asks the KMS for a new bucket key (no timing involved).
        @Test func theMaximumUsesReachTheStore() async throws {
            let server = try await CofferProcess.started(extraArguments: ["--bucket-key-max-uses", "2"])
            try await put(server, "/a")
            let first = try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3")
            try await put(server, "/b")
            #expect(try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3") == first)
            try await put(server, "/c")
            #expect(try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3") == first + 1)
        }

        /// Creates `ttl-bucket` if needed, then PUTs `key` with SSE-KMS (the AWS managed key) and a bucket key. The first
        /// such PUT also creates the managed key `alias/aws/s3`, whose first GenerateDataKey is refused and counted.
        private func put(_ server: CofferProcess, _ key: String) async throws {
            let curl = try #require(Interop.curl)
            let signing = [
                "-sSf", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user",
                "\(CofferProcess.accessKeyId):\(CofferProcess.secretAccessKey)",
            ]
            let bucket = try await Shell.run(curl, signing + ["-X", "PUT", "\(server.endpoint)/ttl-bucket"])
            #expect(bucket.status == 0 || bucket.status == 22, "\(bucket.stderr)")  // 22: it exists (409)
            let body = server.dataDirectory.appendingPathComponent("body.txt")
            try Data("x".utf8).write(to: body)
            let result = try await Shell.run(
                curl,
                signing + [
                    "-T", body.path, "-H", "x-amz-server-side-encryption: aws:kms",
                    "-H", "x-amz-server-side-encryption-bucket-key-enabled: true",
                    "\(server.endpoint)/ttl-bucket\(key)",
                ])
            try #require(result.status == 0, "\(result.stderr)")
        }
    }
}
