import Foundation
import Testing

/// The lecture's quota point with boto3: a low symmetric quota throttles direct KMS calls and S3 uploads without
/// Bucket Keys (503 SlowDown), and not the same uploads with Bucket Keys.
extension RealClients {
    @Suite(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    struct QuotaInteropTests {
        @Test func bucketKeysKeepABurstUnderTheQuota() throws {
            let server = try CofferProcess(extraArguments: ["--kms-quota-symmetric", "5"])
            let result = try Boto3(server: server).run(script: "quota_burst", arguments: ["30"])
            try #require(result.status == 0, "quota_burst.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]])

            // Given a quota of 5 calls per second, when 30 GenerateDataKey calls come at once, then most are throttled.
            let direct = try #require(out["kms"]?["outcomes"] as? [String: Int])
            #expect((direct["ThrottlingException 400"] ?? 0) >= 15, "\(direct)")
            #expect((direct["ok"] ?? 0) >= 5, "\(direct)")
            #expect(
                out["kms"]?["messages"] as? [String]
                    == ["You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."])

            // Without Bucket Keys every PUT calls GenerateDataKey: S3 answers 503 SlowDown.
            let plain = try #require(out["s3_without_bucket_keys"]?["outcomes"] as? [String: Int])
            #expect((plain["SlowDown 503"] ?? 0) >= 15, "\(plain)")
            #expect(
                out["s3_without_bucket_keys"]?["messages"] as? [String]
                    == ["Please reduce your request rate for operations involving AWS KMS."])

            // With Bucket Keys the burst costs one GenerateDataKey: nothing is throttled.
            let bucketKeys = try #require(out["s3_with_bucket_keys"]?["outcomes"] as? [String: Int])
            #expect(bucketKeys == ["ok": 30])
        }
    }
}
