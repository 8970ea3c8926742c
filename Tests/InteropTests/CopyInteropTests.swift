import Foundation
import Testing

/// CopyObject through real clients: boto3 `copy_object` changing SSE parameters, and `aws s3 cp s3://… s3://…` with
/// `--sse aws:kms`, against a real server process.
extension RealClients {
    @Suite(.serialized)
    struct CopyInteropTests {
        @Test(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
        func boto3CopyObjectChangesEncryption() async throws {
            let server = try CofferProcess()
            let result = try await Boto3(server: server).run(script: "s3_copy")
            try #require(result.status == 0, "s3_copy.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])

            #expect(out["copy_etag_matches"] as? Bool == true)
            let sse = out["copy_sse"] as? [Any]
            #expect(sse?.first as? String == "aws:kms")
            #expect(sse?.dropFirst().allSatisfy { $0 as? Bool == true } == true, "\(String(describing: sse))")
            #expect(out["copy_body"] as? Bool == true)
            #expect(out["copy_meta"] as? [String: String] == ["course": "kms"])
            #expect(out["copy_get_key_b"] as? Bool == true)
            #expect(out["source_kept_key_a"] as? Bool == true)
            #expect(out["inplace_sse"] as? String == "AES256")
            #expect(out["inplace_body"] as? Bool == true)
            #expect(out["no_change"] as? String == "InvalidRequest")
            #expect(out["if_match"] as? String == "PreconditionFailed")
            #expect(out["if_none_match_ok"] as? Bool == true)
            #expect(out["missing_source"] as? String == "NoSuchKey")
            let replaced = out["replaced"] as? [Any]
            #expect(replaced?.first as? [String: String] == ["new": "1"])
            #expect(replaced?.last as? String == "text/plain")
            let attributes = out["attributes"] as? [Any]
            #expect(attributes?.first as? Bool == true)
            #expect(attributes?.dropFirst().first as? Int == 1 << 20)
            #expect(attributes?.last as? String == "STANDARD")
            #expect(out["put_if_none_match"] as? String == "PreconditionFailed")
        }

        @Test(.enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"))
        func awsCLICopiesBetweenBucketsWithSSEKMS() async throws {
            let server = try CofferProcess()
            let aws = AWSCLI(server: server)
            for bucket in ["cli-a", "cli-b"] {
                _ = try await aws.json(["s3api", "create-bucket", "--bucket", bucket])
            }
            let file = server.dataDirectory.deletingLastPathComponent()
                .appendingPathComponent("copy-\(UUID().uuidString).txt")
            try Data("copied by the aws CLI".utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            #expect(try await aws.run(["s3", "cp", file.path, "s3://cli-a/in/file.txt"]).status == 0)
            // The copy is the first use of alias/aws/s3: creating the managed key adds no GenerateDataKey.
            let generateBefore = try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3")
            let copy = try await aws.run([
                "s3", "cp", "s3://cli-a/in/file.txt", "s3://cli-b/out/file.txt", "--sse", "aws:kms",
            ])
            try #require(copy.status == 0, "aws s3 cp failed: \(copy.stderr)\nserver:\n\(server.output)")
            let generateAfter = try await Metrics.kmsRequests(server, operation: "GenerateDataKey", caller: "s3")
            let scrape = try await Metrics.scrape(server)
            #expect(generateAfter == generateBefore + 1, "\(scrape)")

            let head = try await aws.json(["s3api", "head-object", "--bucket", "cli-b", "--key", "out/file.txt"])
            #expect(head["ServerSideEncryption"] as? String == "aws:kms")
            #expect((head["SSEKMSKeyId"] as? String)?.hasPrefix("arn:aws:kms:us-east-1:") == true)
            let source = try await aws.json(["s3api", "head-object", "--bucket", "cli-a", "--key", "in/file.txt"])
            #expect(source["ServerSideEncryption"] as? String == "AES256")

            let back = file.appendingPathExtension("back")
            defer { try? FileManager.default.removeItem(at: back) }
            #expect(try await aws.run(["s3", "cp", "s3://cli-b/out/file.txt", back.path]).status == 0)
            #expect(try String(contentsOf: back, encoding: .utf8) == "copied by the aws CLI")
        }
    }
}
