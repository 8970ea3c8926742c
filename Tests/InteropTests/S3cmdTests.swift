import Foundation
import Testing

/// s3cmd (path-style, SigV4, plain http) against a real server process: upload, list, download and delete, with
/// SSE-KMS under a key it names (`--server-side-encryption-kms-id`).
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.s3cmd), "s3cmd is not installed"))
    struct S3cmdTests {
        let server: CofferProcess
        let scratch: Scratch
        let s3cmd: S3cmd
        let curl: SignedCurl

        init() async throws {
            server = try await CofferProcess.started()
            scratch = try Scratch()
            s3cmd = try S3cmd(server: server, folder: scratch.url)
            curl = SignedCurl(server: server)
        }

        /// The options that make s3cmd ask for SSE-KMS under `keyArn`.
        func sse(_ keyArn: String) -> [String] {
            ["--server-side-encryption", "--server-side-encryption-kms-id=\(keyArn)"]
        }

        @Test func uploadListDownloadDeleteWithSSEKMS() async throws {
            defer { scratch.remove() }
            let keyArn = try await curl.createKey(description: "s3cmd")
            _ = try await s3cmd.expect(["mb", "s3://s3cmd-bucket"])
            let small = try scratch.file("up/small.bin", size: 100_000)
            let nested = try scratch.file("up/nested/deeper.txt", size: 3_000)

            _ = try await s3cmd.expect(["put"] + sse(keyArn) + [small.path, "s3://s3cmd-bucket/small.bin"])
            _ = try await s3cmd.expect(["put"] + sse(keyArn) + [nested.path, "s3://s3cmd-bucket/nested/deeper.txt"])
            #expect(try await curl.isKMSEncrypted(bucket: "s3cmd-bucket", key: "small.bin", keyArn: keyArn))
            #expect(try await curl.isKMSEncrypted(bucket: "s3cmd-bucket", key: "nested/deeper.txt", keyArn: keyArn))

            let listing = try await s3cmd.expect(["ls", "--recursive", "s3://s3cmd-bucket"])
            #expect(listing.contains("s3://s3cmd-bucket/small.bin"), "\(listing)")
            #expect(listing.contains("s3://s3cmd-bucket/nested/deeper.txt"), "\(listing)")
            let top = try await s3cmd.expect(["ls", "s3://s3cmd-bucket/"])
            #expect(top.contains("DIR") && top.contains("s3://s3cmd-bucket/nested/"), "\(top)")

            let back = scratch.path("back.bin")
            _ = try await s3cmd.expect(["get", "s3://s3cmd-bucket/small.bin", back.path])
            #expect(try await Scratch.identical(small, back))

            _ = try await s3cmd.expect(["del", "s3://s3cmd-bucket/small.bin"])
            _ = try await s3cmd.expect(["del", "--recursive", "--force", "s3://s3cmd-bucket/nested/"])
            #expect(try await s3cmd.expect(["ls", "--recursive", "s3://s3cmd-bucket"]).isEmpty)
            _ = try await s3cmd.expect(["rb", "s3://s3cmd-bucket"])
            #expect(!(try await s3cmd.expect(["ls"])).contains("s3cmd-bucket"))
        }

        /// s3cmd switches to multipart above `--multipart-chunk-size-mb` (15 MiB by default).
        @Test func multipartUploadWithSSEKMS() async throws {
            defer { scratch.remove() }
            let keyArn = try await curl.createKey(description: "s3cmd multipart")
            _ = try await s3cmd.expect(["mb", "s3://s3cmd-multipart"])
            let big = try scratch.file("big.bin", size: 11 * Scratch.mebibyte)

            _ = try await s3cmd.expect(
                ["put", "--multipart-chunk-size-mb=5"] + sse(keyArn) + [big.path, "s3://s3cmd-multipart/big.bin"])
            #expect(try await curl.isKMSEncrypted(bucket: "s3cmd-multipart", key: "big.bin", keyArn: keyArn))
            let back = scratch.path("big.back")
            _ = try await s3cmd.expect(["get", "s3://s3cmd-multipart/big.bin", back.path])
            #expect(try await Scratch.identical(big, back))
            _ = try await s3cmd.expect(["del", "s3://s3cmd-multipart/big.bin"])
        }
    }
}
