import Foundation
import Testing

/// `coffer serve --bucket-key-ttl` and `--bucket-key-max-uses`: documented, validated, and passed to the store.
@Suite(.enabled(if: Interop.enabled(Interop.curl), "curl is not installed"))
struct ServeFlagTests {
    @Test func helpDocumentsTheBucketKeyFlagsAndTheirDefaults() async throws {
        let result = try await Shell.run(try CofferProcess.cofferBinary().path, ["serve", "--help"], timeout: 30)
        #expect(result.status == 0)
        #expect(result.stdout.contains("--bucket-key-ttl <seconds>"))
        #expect(result.stdout.contains("default 300: 5 minutes"))
        #expect(result.stdout.contains("--bucket-key-max-uses <n>"))
        #expect(result.stdout.contains("/_coffer/stats"))
    }

    @Test(arguments: [["--bucket-key-ttl", "0"], ["--bucket-key-max-uses", "0"], ["--bucket-key-ttl=-5"]])
    func nonPositiveValuesAreRefused(_ arguments: [String]) async throws {
        let result = try await Shell.run(
            try CofferProcess.cofferBinary().path, ["serve", "--port", "0"] + arguments, timeout: 30)
        #expect(result.status != 0)
        #expect(result.stderr.contains("must be at least 1"), "\(result.stderr)")
    }

    /// With a 1-second TTL, a PUT after the bucket key expired asks the KMS for a new one.
    @Test func theTTLReachesTheStore() async throws {
        let server = try CofferProcess(extraArguments: ["--bucket-key-ttl", "1"])
        let curl = try #require(Interop.curl)
        func send(_ path: String, _ arguments: [String]) async throws {
            let result = try await Shell.run(
                curl,
                [
                    "-sSf", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user",
                    "\(CofferProcess.accessKeyId):\(CofferProcess.secretAccessKey)", "-X", "PUT",
                ] + arguments
                    + ["\(server.endpoint)/ttl-bucket\(path)"])
            try #require(result.status == 0, "\(result.stderr)")
        }
        func put(_ key: String) async throws {
            try await send(
                key,
                [
                    "--data-binary", "x", "-H", "x-amz-server-side-encryption: aws:kms",
                    "-H", "x-amz-server-side-encryption-bucket-key-enabled: true",
                ])
        }
        try await send("", [])
        try await put("/a")
        try await put("/b")
        #expect(try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3") == 1)
        try await Task.sleep(for: .milliseconds(1500))
        try await put("/c")
        #expect(try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3") == 2)
    }
}
