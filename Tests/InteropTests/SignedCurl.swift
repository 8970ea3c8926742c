import Foundation
import Testing

/// `curl --aws-sigv4` with the interop credentials: an independent view of what a client stored.
///
/// The client suites use it to create KMS keys (s3cmd, rclone and the MinIO SDK cannot) and to check, with a
/// HEAD of their own, the encryption a client asked for.
struct SignedCurl {
    let server: CofferProcess

    /// Runs curl signed for `service` (`s3` or `kms`) and returns the result.
    func run(service: String = "s3", _ arguments: [String]) async throws -> Shell.Result {
        try await Self.run(service: service, arguments)
    }

    /// Runs curl signed for `service` with the interop credentials, for any server started with them.
    static func run(service: String = "s3", _ arguments: [String]) async throws -> Shell.Result {
        let curl = try #require(Interop.curl, "curl is not installed")
        return try await Shell.run(
            curl,
            [
                "-sS", "--aws-sigv4", "aws:amz:\(CofferProcess.region):\(service)", "--user",
                "\(CofferProcess.accessKeyId):\(CofferProcess.secretAccessKey)",
            ] + arguments)
    }

    /// Creates a symmetric KMS key and returns its ARN.
    func createKey(description: String) async throws -> String {
        let result = try await run(
            service: "kms",
            [
                "-X", "POST", "-H", "X-Amz-Target: TrentService.CreateKey",
                "-H", "Content-Type: application/x-amz-json-1.1",
                "--data", #"{"Description":"\#(description)"}"#, server.endpoint,
            ])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let metadata = object?["KeyMetadata"] as? [String: Any]
        return try #require(metadata?["Arn"] as? String, "CreateKey failed: \(result.stdout) \(result.stderr)")
    }

    /// The response headers of `HEAD /bucket/key`, names lowercased; empty when the request fails.
    func head(bucket: String, key: String) async throws -> [String: String] {
        let result = try await run(["-I", "--fail", "\(server.endpoint)/\(bucket)/\(key)"])
        guard result.status == 0 else { return [:] }
        var headers: [String: String] = [:]
        for line in result.stdout.split(whereSeparator: \.isNewline) {  // curl ends header lines with CRLF
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return headers
    }

    /// Whether `bucket/key` is stored under SSE-KMS with the key `keyArn`.
    func isKMSEncrypted(bucket: String, key: String, keyArn: String) async throws -> Bool {
        let headers = try await head(bucket: bucket, key: key)
        return headers["x-amz-server-side-encryption"] == "aws:kms"
            && headers["x-amz-server-side-encryption-aws-kms-key-id"] == keyArn
    }
}
