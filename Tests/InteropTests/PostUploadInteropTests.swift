import Foundation
import Testing

/// Browser POST uploads (issue #14) through real clients against a real server: boto3's `generate_presigned_post`
/// posted with `requests`, a SigV2 form, `curl -F`, read back with the aws CLI; and a 20 MiB file whose upload must
/// not raise the server's memory by its size.
extension RealClients {
    @Suite(
        .serialized,
        .enabled(
            if: Interop.enabled(Interop.boto3Python) && Interop.enabled(Interop.aws),
            "boto3 (with requests) or the aws CLI is not installed"))
    struct PostUploadInteropTests {
        @Test func presignedPostFormsFromBoto3RequestsAndCurl() async throws {
            let server = try await CofferProcess.started()
            let keyArn = try await SignedCurl(server: server).createKey(description: "post uploads")
            let out = try await Boto3(server: server).summary(script: "s3_post", arguments: ["forms", "posts", keyArn])

            #expect((out["plain"] as? [Any])?.first as? Int == 204)
            #expect((out["plain"] as? [Any])?.last as? Bool == true, "ETag is the MD5")
            #expect(out["plain_body"] as? Bool == true)
            #expect(out["plain_v2_form"] as? Bool == true, "boto3's default form is SigV2")
            #expect((out["plain_v4"] as? [Any])?.map { "\($0)" } == ["204", "1"])
            // SSE-KMS needs SigV4, as on AWS: boto3's default SigV2 form is refused.
            #expect((out["kms_sigv2"] as? [Any])?.prefix(2).map { "\($0)" } == ["400", "InvalidArgument"])
            let kms = out["kms"] as? [Any]
            #expect(kms?[0] as? Int == 201 && kms?[1] as? Bool == true && kms?[2] as? String == "aws:kms")
            #expect(kms?[3] as? Bool == true)
            let head = out["kms_head"] as? [Any]
            #expect(head?[0] as? String == "aws:kms" && head?[1] as? Bool == true && head?[2] as? Bool == true)
            #expect(head?[3] as? String == "application/pdf")
            #expect((out["too_large"] as? [Any])?.prefix(2).map { "\($0)" } == ["400", "EntityTooLarge"])
            #expect(out["scoped_ok"] as? Int == 204)
            #expect(
                (out["scoped_other"] as? [Any])?.last as? String
                    == #"Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "user/eric/"]"#)
            #expect(
                (out["expired"] as? [Any])?.map { "\($0)" } == [
                    "403", "AccessDenied", "Invalid according to Policy: Policy expired.",
                ])
            #expect((out["tampered"] as? [Any])?.prefix(2).map { "\($0)" } == ["403", "SignatureDoesNotMatch"])
            #expect(out["tampered_absent"] as? Int == 0)
            #expect((out["sigv2"] as? [Any])?.last as? Bool == true)
            #expect((out["sigv2"] as? [Any])?.first as? Int == 204)
            #expect((out["curl"] as? [Any])?.first as? String == "303")
            #expect((out["curl"] as? [Any])?.last as? Bool == true)
            #expect(out["curl_body"] as? Bool == true)

            // Read back with the aws CLI: the SSE-KMS object's headers and bytes.
            let aws = AWSCLI(server: server)
            let object = try await aws.json(["s3api", "head-object", "--bucket", "posts", "--key", "kms/doc.pdf"])
            #expect(object["ServerSideEncryption"] as? String == "aws:kms")
            #expect(object["SSEKMSKeyId"] as? String == keyArn)
            #expect(object["BucketKeyEnabled"] as? Bool == true)
            let scratch = try Scratch()
            defer { scratch.remove() }
            let back = scratch.path("doc.pdf")
            #expect(try await aws.run(["s3", "cp", "s3://posts/kms/doc.pdf", back.path]).status == 0)
            #expect(try Data(contentsOf: back) == Data((0..<40).flatMap { _ in (0...255).map(UInt8.init) }))
        }

        @Test func a20MiBFileStreamsWithoutGrowingTheServersMemory() async throws {
            let server = try await CofferProcess.started()
            let scratch = try Scratch()
            defer { scratch.remove() }
            let boto3 = Boto3(server: server)
            _ = try await AWSCLI(server: server).run(["s3", "mb", "s3://big"])
            let small = try scratch.file("small.bin", size: Scratch.mebibyte)
            let warm = try await boto3.summary(script: "s3_post", arguments: ["big", "big", "small.bin", small.path])
            #expect((warm["big"] as? [Any])?.first as? Int == 204)
            let baseline = try server.peakResidentBytes()
            let file = try scratch.file("big.bin", size: 20 * Scratch.mebibyte)
            let out = try await boto3.summary(script: "s3_post", arguments: ["big", "big", "big.bin", file.path])
            #expect((out["big"] as? [Any])?.first as? Int == 204, "\(out)")
            let peak = try server.peakResidentBytes()
            print("coffer peak RSS: \(baseline >> 20) MiB after a 1 MiB POST, \(peak >> 20) MiB after 20 MiB")
            #expect(peak - baseline < 12 * Scratch.mebibyte, "peak RSS grew \((peak - baseline) >> 20) MiB")

            let back = scratch.path("back.bin")
            #expect(try await AWSCLI(server: server).run(["s3", "cp", "s3://big/big.bin", back.path]).status == 0)
            #expect(try await Scratch.identical(file, back))
        }
    }
}
