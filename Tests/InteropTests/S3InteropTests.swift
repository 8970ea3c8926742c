import Foundation
import Testing

/// S3 through real clients (curl --aws-sigv4, the aws CLI, boto3) against a real server process.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"))
    struct S3InteropTests {
        let server: CofferProcess
        let aws: AWSCLI
        let scratch: Scratch

        init() throws {
            server = try CofferProcess()
            aws = AWSCLI(server: server)
            scratch = try Scratch()
        }

        func write(_ name: String, _ text: String) throws -> URL {
            let url = scratch.path(name)
            try Data(text.utf8).write(to: url)
            return url
        }

        func curl(_ arguments: [String]) async throws -> Shell.Result {
            let curl = try #require(Interop.curl, "curl is not installed")
            return try await Shell.run(
                curl,
                [
                    "-sS", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user",
                    "\(CofferProcess.accessKeyId):\(CofferProcess.secretAccessKey)",
                ] + arguments)
        }

        @Test func curlPutAndGetWithAndWithoutSSEKMS() async throws {
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "curl-bucket"])
            let body = try write("curl.txt", "hello from curl")
            let plain = try await curl([
                "-T", body.path, "-w", "%{http_code}", "-o", "/dev/null",
                "\(server.endpoint)/curl-bucket/plain.txt",
            ])
            #expect(plain.stdout == "200", "\(plain.stderr)")
            let kms = try await curl([
                "-T", body.path, "-H", "x-amz-server-side-encryption: aws:kms", "-D", "-",
                "-o", "/dev/null", "\(server.endpoint)/curl-bucket/kms.txt",
            ])
            #expect(kms.stdout.lowercased().contains("x-amz-server-side-encryption: aws:kms"))
            #expect(
                kms.stdout.contains(
                    "x-amz-server-side-encryption-aws-kms-key-id: arn:aws:kms:us-east-1:111122223333:key/")
                    || kms.stdout.lowercased().contains(
                        "x-amz-server-side-encryption-aws-kms-key-id: arn:aws:kms:us-east-1:111122223333:key/")
            )

            #expect(try await curl(["\(server.endpoint)/curl-bucket/plain.txt"]).stdout == "hello from curl")
            #expect(try await curl(["\(server.endpoint)/curl-bucket/kms.txt"]).stdout == "hello from curl")
        }

        @Test func awsCLIHighLevelAndS3APIWithSSEKMS() async throws {
            let key = try await aws.json(["kms", "create-key", "--description", "s3 interop"])
            let keyArn = try #require((key["KeyMetadata"] as? [String: Any])?["Arn"] as? String)
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "cli-bucket"])
            let file = try write("lecture.txt", "envelope encryption, end to end")

            let generateBefore = try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3")
            let put = try await aws.json([
                "s3api", "put-object", "--bucket", "cli-bucket", "--key", "notes/lecture.txt", "--body", file.path,
                "--server-side-encryption", "aws:kms", "--ssekms-key-id", keyArn,
            ])
            #expect(put["ServerSideEncryption"] as? String == "aws:kms")
            #expect(put["SSEKMSKeyId"] as? String == keyArn)
            #expect(
                try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3") == generateBefore + 1)

            let head = try await aws.json([
                "s3api", "head-object", "--bucket", "cli-bucket", "--key", "notes/lecture.txt",
            ])
            #expect(head["ServerSideEncryption"] as? String == "aws:kms")
            #expect(head["SSEKMSKeyId"] as? String == keyArn)
            #expect(head["ContentLength"] as? Int == 31)

            let decryptBefore = try await Metrics.kmsRequests(server, operation: "Decrypt", caller: "s3")
            let out = scratch.path("downloaded.txt")
            let got = try await aws.json([
                "s3api", "get-object", "--bucket", "cli-bucket", "--key", "notes/lecture.txt", out.path,
            ])
            #expect(got["SSEKMSKeyId"] as? String == keyArn)
            #expect(try String(contentsOf: out, encoding: .utf8) == "envelope encryption, end to end")
            #expect(try await Metrics.kmsRequests(server, operation: "Decrypt", caller: "s3") == decryptBefore + 1)

            // High-level commands: cp, ls, rm.
            let cp = try await aws.run(["s3", "cp", file.path, "s3://cli-bucket/cp/copy.txt", "--sse", "aws:kms"])
            #expect(cp.status == 0, "\(cp.stderr)")
            let ls = try await aws.run(["s3", "ls", "s3://cli-bucket/", "--recursive"])
            #expect(ls.stdout.contains("cp/copy.txt") && ls.stdout.contains("notes/lecture.txt"))
            let back = scratch.path("back.txt")
            #expect(try await aws.run(["s3", "cp", "s3://cli-bucket/cp/copy.txt", back.path]).status == 0)
            #expect(try String(contentsOf: back, encoding: .utf8) == "envelope encryption, end to end")
            #expect(try await aws.run(["s3", "rm", "s3://cli-bucket/cp/copy.txt"]).status == 0)
            let after = try await aws.run(["s3", "ls", "s3://cli-bucket/", "--recursive"])
            #expect(!after.stdout.contains("cp/copy.txt"))
        }

        @Test func disabledKeyBlocksReadsAndWritesUntilEnabled() async throws {
            let key = try await aws.json(["kms", "create-key"])
            let keyId = try #require((key["KeyMetadata"] as? [String: Any])?["KeyId"] as? String)
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "disabled-bucket"])
            let file = try write("d.txt", "data")
            _ = try await aws.json([
                "s3api", "put-object", "--bucket", "disabled-bucket", "--key", "d", "--body", file.path,
                "--server-side-encryption", "aws:kms", "--ssekms-key-id", keyId,
            ])
            _ = try await aws.json(["kms", "disable-key", "--key-id", keyId])
            let out = scratch.path("d.out")
            let get = try await aws.run(["s3api", "get-object", "--bucket", "disabled-bucket", "--key", "d", out.path])
            #expect(get.status != 0 && get.stderr.contains("KMS.DisabledException"), "\(get.stderr)")
            let put = try await aws.run([
                "s3api", "put-object", "--bucket", "disabled-bucket", "--key", "e", "--body", file.path,
                "--server-side-encryption", "aws:kms", "--ssekms-key-id", keyId,
            ])
            #expect(put.status != 0 && put.stderr.contains("KMS.DisabledException"), "\(put.stderr)")
            _ = try await aws.json(["kms", "enable-key", "--key-id", keyId])
            #expect(
                try await aws.run(["s3api", "get-object", "--bucket", "disabled-bucket", "--key", "d", out.path]).status
                    == 0)
        }

        @Test func noPlaintextMarkerAnywhereOnDisk() async throws {
            let marker = "PLAINTEXT-MARKER-\(UUID().uuidString)"
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "marker-bucket"])
            let file = try write("marker.txt", String(repeating: marker + "\n", count: 200))
            _ = try await aws.json([
                "s3api", "put-object", "--bucket", "marker-bucket", "--key", "sse-s3", "--body", file.path,
            ])
            _ = try await aws.json([
                "s3api", "put-object", "--bucket", "marker-bucket", "--key", "sse-kms", "--body", file.path,
                "--server-side-encryption", "aws:kms",
            ])
            server.stop()
            let grep = try await Shell.run(
                "/usr/bin/env", ["grep", "-r", "-l", "-a", marker, server.dataDirectory.path])
            #expect(grep.stdout.isEmpty, "plaintext found in: \(grep.stdout)")
            try server.start()
        }
    }
}
