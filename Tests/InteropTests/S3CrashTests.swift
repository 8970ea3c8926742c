import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Kills the server with SIGKILL during concurrent uploads, restarts it, and checks that every acknowledged
/// object reads back intact and that no listed object is torn.
extension RealClients {
    @Suite(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    struct S3CrashTests {
        @Test(.timeLimit(.minutes(5))) func acknowledgedUploadsSurviveSIGKILL() async throws {
            // Given a server with a bucket, and 16 boto3 threads uploading distinct keys (half SSE-KMS)
            let server = try CofferProcess()
            _ = try await AWSCLI(server: server).json(["s3api", "create-bucket", "--bucket", "crash-bucket"])
            let acked = server.dataDirectory.deletingLastPathComponent()
                .appendingPathComponent("coffer-acked-\(UUID().uuidString).txt")
            defer { try? FileManager.default.removeItem(at: acked) }
            let uploaderExited = try Boto3(server: server).start(
                script: "s3_crash", arguments: ["upload", "crash-bucket", acked.path])

            // When the server is killed mid-way (once some uploads were acknowledged)
            for _ in 0..<100 where Self.lineCount(acked) < 50 { try await Task.sleep(for: .milliseconds(50)) }
            server.stop(signal: SIGKILL)
            await uploaderExited()
            let acknowledged = Self.lineCount(acked)
            try #require(acknowledged > 0, "no upload was acknowledged before the kill:\n\(server.output)")
            print("S3CrashTests: \(acknowledged) uploads acknowledged before SIGKILL")

            // Then after a restart every acknowledged upload reads back byte-identical, and nothing listed is torn
            try server.start()
            let result = try await Boto3(server: server).run(
                script: "s3_crash", arguments: ["verify", "crash-bucket", acked.path])
            try #require(result.status == 0, "verify failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(out["acked"] as? Int == acknowledged)
            #expect((out["acked_bad"] as? [String])?.isEmpty == true, "\(out["acked_bad"] ?? "")")
            #expect((out["listed_bad"] as? [String])?.isEmpty == true, "\(out["listed_bad"] ?? "")")
            #expect((out["listed"] as? Int ?? 0) >= acknowledged)
        }

        static func lineCount(_ url: URL) -> Int {
            ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
    }
}

extension Boto3 {
    /// Starts a script without waiting for it (output discarded); the returned function awaits its exit.
    func start(script: String, arguments: [String]) throws -> @Sendable () async -> Void {
        let (python, path) = try interpreterAndScript(script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [path] + arguments
        process.environment = scriptEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return try process.runAndAwaitExit()
    }
}
