import Foundation
import Testing

extension RealClients.BucketKeyLecture {
    /// boto3 and S3 Bucket Keys: `BucketKeyEnabled` on PUT, GET and HEAD, by object or by bucket default.
    @Suite(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    struct BucketKeyBoto3Tests {
        @Test func boto3SeesBucketKeyEnabledOnPutGetAndHead() async throws {
            let server = try await CofferProcess.started()
            let result = try await Boto3(server: server).run(script: "s3_bucket_keys")
            try #require(result.status == 0, "s3_bucket_keys.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])

            // JSONSerialization gives `true` as an NSNumber: read each flag as Bool.
            for case_ in ["object_level", "bucket_level"] {
                let flags = try #require(out[case_] as? [String: Any], "\(case_) missing")
                #expect(flags["put"] as? Bool == true, "\(case_) PUT")
                #expect(flags["get"] as? Bool == true, "\(case_) GET")
                #expect(flags["head"] as? Bool == true, "\(case_) HEAD")
                #expect(flags["intact"] as? Bool == true, "\(case_) body")
                #expect((flags["arn"] as? String)?.hasPrefix("arn:aws:kms:us-east-1:111122223333:key/") == true)
            }
            #expect(out["bucket_rule"] as? Bool == true)
            let optedOut = try #require(out["explicit_false"] as? [String: Any])
            #expect(optedOut["put"] is NSNull && optedOut["get"] is NSNull && optedOut["head"] is NSNull, "\(optedOut)")
            #expect(optedOut["intact"] as? Bool == true)
        }
    }
}
