import Foundation
import Testing

/// The MinIO Python SDK (`Minio(..., secure=False)`) against a real server process, with SSE-KMS through `SseKMS`.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.minioPython), "python3 with minio is not installed"))
    struct MinioSDKTests {
        let server: CofferProcess
        let minio: Boto3

        init() async throws {
            server = try await CofferProcess.started()
            minio = Boto3(server: server, python: Interop.minioPython)
        }

        @Test func putListGetRemoveWithSSEKMS() async throws {
            let keyArn = try await SignedCurl(server: server).createKey(description: "minio")
            let out = try await minio.summary(script: "s3_minio", arguments: [keyArn])

            #expect(out["bucket_exists"] as? Bool == true)
            #expect(out["listed"] as? [String] == ["dir/put.bin", "fput.bin"])
            #expect(out["top"] as? [String] == ["dir/", "fput.bin"])
            let encryption = try #require(out["encryption"] as? [String: [String]])
            #expect(encryption["dir/put.bin"] == ["aws:kms", keyArn])
            #expect(encryption["fput.bin"] == ["aws:kms", keyArn])
            #expect(jsonFlags(out["intact"]) == ["dir/put.bin": true, "fput.bin": true])
            #expect(out["fget_intact"] as? Bool == true)
            #expect(out["after_delete"] as? [String] == [])
            #expect(out["bucket_after"] as? Bool == false)
        }

        /// put_object with an unknown length streams in `part_size` parts: a multipart upload.
        @Test func streamedMultipartPutWithSSEKMS() async throws {
            let keyArn = try await SignedCurl(server: server).createKey(description: "minio multipart")
            let out = try await minio.summary(script: "s3_minio", arguments: [keyArn, "multipart"])

            #expect(out["listed"] as? [String] == ["big.bin"])
            #expect((out["encryption"] as? [String: [String]])?["big.bin"] == ["aws:kms", keyArn])
            #expect(jsonFlags(out["intact"]) == ["big.bin": true])
            #expect(out["fget_intact"] as? Bool == true)
            #expect(out["after_delete"] as? [String] == [])
        }
    }
}
