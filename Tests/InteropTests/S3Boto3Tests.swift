import Foundation
import Testing

/// boto3's s3 client, with default settings (checksums on, SigV2 presign), against a real server process.
extension RealClients {
    @Suite(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    struct S3Boto3Tests {
        @Test func boto3S3ClientWorksUnmodified() async throws {
            let server = try CofferProcess()
            let result = try await Boto3(server: server).run(script: "s3_boto3")
            try #require(result.status == 0, "s3_boto3.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])

            #expect(out["buckets"] as? [String] == ["boto3-bucket"])
            #expect(out["put_sse"] as? String == "AES256")
            #expect(out["put_etag"] as? String == "\"2bb571599a4180e1d542f76904adc3df\"")
            #expect(out["get_ok"] as? Bool == true)
            #expect(out["get_meta"] as? [String: String] == ["course": "kms"])
            #expect(out["get_content_type"] as? String == "text/plain")
            #expect(out["range"] as? String == "5678901234")
            #expect(out["bad_range"] as? String == "InvalidRange")
            // JSONSerialization gives `true` as an NSNumber, which is AnyHashable(1) on Linux: compare element-wise.
            let kmsPut = out["kms_put"] as? [Any]
            #expect(kmsPut?.first as? String == "aws:kms")
            #expect(kmsPut?.last as? Bool == true)
            #expect(out["kms_get"] as? Bool == true)
            #expect(out["kms_head"] as? String == "aws:kms")
            #expect(out["bucket_default"] as? String == "aws:kms")
            #expect(out["default_applied"] as? Bool == true)
            #expect(out["after_delete"] as? String == "AES256")
            #expect(out["presign_v2"] as? Bool == true)
            #expect(out["presign_plain"] as? Bool == true)
            #expect(out["presign_kms"] as? Int == 400)
            #expect(out["pages"] as? Int == 3)
            #expect(out["listed"] as? [String] == ["dir/0", "dir/1", "dir/2", "dir/3", "dir/4"])
            #expect(out["prefixes"] as? [String] == ["dir/"])
            #expect(out["deleted"] as? Int == 5)
            #expect(out["no_such_key"] as? String == "NoSuchKey")
            #expect(out["no_such_bucket"] as? String == "NoSuchBucket")
            #expect(out["not_empty"] as? String == "BucketNotEmpty")
        }
    }
}
