import Foundation
import Testing

/// Bucket policies and Block Public Access through the aws CLI and boto3, against a real server process.
extension RealClients {
    @Suite struct BucketPolicyInteropTests {
        @Test(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
        func boto3BucketPolicies() async throws {
            let server = try CofferProcess()
            let result = try await Boto3(server: server).run(script: "s3_bucket_policy")
            try #require(result.status == 0, "s3_bucket_policy.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let blocks = out["default_block"] as? [String: Any]
            for name in ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] {
                #expect(blocks?[name] as? Bool == true, "\(name)")
            }
            #expect(out["blocked"] as? String == "AccessDenied")
            #expect(out["anonymous_before"] as? String == "AccessDenied")
            #expect(out["policy_round_trip"] as? Bool == true)
            #expect(out["is_public"] as? Bool == true)
            #expect(out["anonymous_get"] as? String == "meow")
            #expect(out["anonymous_put"] as? String == "AccessDenied")
            #expect(out["anonymous_restricted"] as? String == "AccessDenied")
            #expect(out["malformed"] as? String == "MalformedPolicy")
            #expect(out["after_delete"] as? String == "NoSuchBucketPolicy")
            #expect(out["no_block"] as? String == "NoSuchPublicAccessBlockConfiguration")
            #expect(out["guarded_public"] as? Bool == false)
            for name in ["plain_put", "aes_put", "other_key_put", "plain_multipart"] {
                #expect(out[name] as? String == "AccessDenied", "\(name)")
            }
            #expect(out["right_put"] as? Bool == true)
            #expect(out["right_multipart"] as? Bool == true)
        }

        @Test(.enabled(if: Interop.aws != nil, "the aws CLI is not installed"))
        func awsCLIBucketPolicies() async throws {
            let server = try CofferProcess()
            let aws = AWSCLI(server: server)
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "cli-guarded"])
            let key = try await aws.json(["kms", "create-key"])
            let keyArn = try #require((key["KeyMetadata"] as? [String: Any])?["Arn"] as? String)
            let policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "DenyWithoutKMS", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
                   "Resource": "arn:aws:s3:::cli-guarded/*",
                   "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}},
                  {"Sid": "DenyOtherKeys", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
                   "Resource": "arn:aws:s3:::cli-guarded/*",
                   "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "\(keyArn)"}}}]}
                """
            let put = try await aws.run(["s3api", "put-bucket-policy", "--bucket", "cli-guarded", "--policy", policy])
            try #require(put.status == 0, "\(put.stderr)")
            let status = try await aws.json(["s3api", "get-bucket-policy-status", "--bucket", "cli-guarded"])
            #expect((status["PolicyStatus"] as? [String: Any])?["IsPublic"] as? Bool == false)
            let stored = try await aws.json(["s3api", "get-bucket-policy", "--bucket", "cli-guarded"])
            #expect((stored["Policy"] as? String)?.contains("DenyOtherKeys") == true)

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("cli-policy-\(UUID()).txt")
            try Data("guarded".utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let object = ["s3api", "put-object", "--bucket", "cli-guarded", "--key", "notes.txt", "--body", file.path]
            let plain = try await aws.run(object)
            #expect(plain.status != 0 && plain.stderr.contains("AccessDenied"), "\(plain.stderr)")
            let good = try await aws.run(object + ["--server-side-encryption", "aws:kms", "--ssekms-key-id", keyArn])
            #expect(good.status == 0, "\(good.stderr)")

            let block = try await aws.run([
                "s3api", "put-public-access-block", "--bucket", "cli-guarded", "--public-access-block-configuration",
                "BlockPublicAcls=true,IgnorePublicAcls=false,BlockPublicPolicy=true,RestrictPublicBuckets=false",
            ])
            #expect(block.status == 0, "\(block.stderr)")
            let read = try await aws.json(["s3api", "get-public-access-block", "--bucket", "cli-guarded"])
            let config = read["PublicAccessBlockConfiguration"] as? [String: Any]
            #expect(config?["BlockPublicAcls"] as? Bool == true)
            #expect(config?["IgnorePublicAcls"] as? Bool == false)
            let open =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::cli-guarded/*"}]}"#
            let refused = try await aws.run(["s3api", "put-bucket-policy", "--bucket", "cli-guarded", "--policy", open])
            #expect(refused.status != 0 && refused.stderr.contains("AccessDenied"), "\(refused.stderr)")
            let malformed = try await aws.run([
                "s3api", "put-bucket-policy", "--bucket", "cli-guarded", "--policy", "{\"Version\": \"2012-10-17\"",
            ])
            #expect(malformed.stderr.contains("MalformedPolicy"), "\(malformed.stderr)")
            let deleted = try await aws.run(["s3api", "delete-bucket-policy", "--bucket", "cli-guarded"])
            #expect(deleted.status == 0)
            let gone = try await aws.run(["s3api", "get-bucket-policy", "--bucket", "cli-guarded"])
            #expect(gone.stderr.contains("NoSuchBucketPolicy"), "\(gone.stderr)")
        }
    }
}
