import Foundation
import Testing

/// s3fs (fsspec's S3 filesystem) against a real server process: open, write, read, ls and rm, with SSE-KMS through
/// `s3_additional_kwargs`.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.s3fsPython), "python3 with s3fs is not installed"))
    struct S3fsTests {
        let server: CofferProcess
        let s3fs: Boto3

        init() async throws {
            server = try await CofferProcess.started()
            s3fs = Boto3(server: server, python: Interop.s3fsPython)
        }

        @Test func openWriteReadListRemoveWithSSEKMS() async throws {
            let keyArn = try await SignedCurl(server: server).createKey(description: "s3fs")
            let out = try await s3fs.summary(script: "s3_fsspec", arguments: [keyArn])

            #expect(out["ls"] as? [String] == ["dir", "notes.bin"])
            #expect(out["find"] as? [String] == ["dir/nested.bin", "notes.bin"])
            #expect(out["sizes"] as? [Int] == [200_000, 200_000])
            #expect(jsonFlags(out["intact"]) == ["dir/nested.bin": true, "notes.bin": true])
            #expect(out["tail"] as? String == out["expected_tail"] as? String)
            let encryption = try #require(out["encryption"] as? [String: [String]])
            #expect(encryption["notes.bin"] == ["aws:kms", keyArn])
            #expect(encryption["dir/nested.bin"] == ["aws:kms", keyArn])
            #expect(out["bucket_after"] as? Bool == false)
        }

        /// A write larger than the file's block size uploads in parts.
        @Test func multipartWriteWithSSEKMS() async throws {
            let keyArn = try await SignedCurl(server: server).createKey(description: "s3fs multipart")
            let out = try await s3fs.summary(script: "s3_fsspec", arguments: [keyArn, "multipart"])

            #expect(out["find"] as? [String] == ["big.bin"])
            #expect(out["sizes"] as? [Int] == [12 * Scratch.mebibyte + 4])
            #expect(jsonFlags(out["intact"]) == ["big.bin": true])
            #expect((out["encryption"] as? [String: [String]])?["big.bin"] == ["aws:kms", keyArn])
        }
    }
}
