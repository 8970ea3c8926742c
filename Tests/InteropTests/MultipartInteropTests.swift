import Foundation
import Testing

/// Multipart upload through the aws CLI against a real server: `s3api` calls one by one, and `s3 cp` of a file
/// above the CLI's 8 MiB multipart threshold, both with SSE-KMS.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"))
    struct MultipartInteropTests {
        let server: CofferProcess
        let aws: AWSCLI
        let scratch: Scratch

        init() throws {
            server = try CofferProcess()
            aws = AWSCLI(server: server)
            scratch = try Scratch()
        }

        /// Writes `size` deterministic bytes to a scratch file.
        func file(_ name: String, size: Int, seed: UInt32) throws -> URL {
            var state = seed | 1
            var bytes = [UInt8](repeating: 0, count: size)
            for index in bytes.indices {
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                bytes[index] = UInt8(truncatingIfNeeded: state)
            }
            let url = scratch.path(name)
            try Data(bytes).write(to: url)
            return url
        }

        @Test func s3apiMultipartCallsOneByOneWithSSEKMS() async throws {
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "mp-bucket"])
            let first = try file("part1", size: 5 << 20, seed: 1)
            let second = try file("part2", size: 1000, seed: 2)
            let created = try await aws.json([
                "s3api", "create-multipart-upload", "--bucket", "mp-bucket", "--key", "big.bin",
                "--server-side-encryption", "aws:kms",
            ])
            #expect(created["ServerSideEncryption"] as? String == "aws:kms")
            let uploadId = try #require(created["UploadId"] as? String)
            var etags: [String] = []
            for (number, url) in [(1, first), (2, second)] {
                let part = try await aws.json([
                    "s3api", "upload-part", "--bucket", "mp-bucket", "--key", "big.bin", "--upload-id", uploadId,
                    "--part-number", "\(number)", "--body", url.path,
                ])
                #expect(part["ServerSideEncryption"] as? String == "aws:kms")
                etags.append(try #require(part["ETag"] as? String))
            }
            let listed = try await aws.json([
                "s3api", "list-parts", "--bucket", "mp-bucket", "--key", "big.bin", "--upload-id", uploadId,
            ])
            let parts = try #require(listed["Parts"] as? [[String: Any]])
            #expect(parts.compactMap { $0["PartNumber"] as? Int } == [1, 2])
            #expect(parts.compactMap { $0["Size"] as? Int } == [5 << 20, 1000])

            let layout = scratch.path("parts.json")
            let entries = etags.enumerated().map {
                "{\"PartNumber\": \($0.offset + 1), \"ETag\": \($0.element.debugDescription)}"
            }
            try Data("{\"Parts\": [\(entries.joined(separator: ", "))]}".utf8).write(to: layout)
            let completed = try await aws.json([
                "s3api", "complete-multipart-upload", "--bucket", "mp-bucket", "--key", "big.bin",
                "--upload-id", uploadId, "--multipart-upload", "file://\(layout.path)",
            ])
            #expect((completed["ETag"] as? String)?.hasSuffix("-2\"") == true)
            #expect(completed["ServerSideEncryption"] as? String == "aws:kms")

            let out = scratch.path("big.out")
            _ = try await aws.json(["s3api", "get-object", "--bucket", "mp-bucket", "--key", "big.bin", out.path])
            #expect(try Data(contentsOf: out) == (try Data(contentsOf: first)) + (try Data(contentsOf: second)))

            let abandoned = try await aws.json([
                "s3api", "create-multipart-upload", "--bucket", "mp-bucket", "--key", "gone.bin",
                "--server-side-encryption", "aws:kms",
            ])
            let abandonedId = try #require(abandoned["UploadId"] as? String)
            let abort = try await aws.run([
                "s3api", "abort-multipart-upload", "--bucket", "mp-bucket", "--key", "gone.bin",
                "--upload-id", abandonedId,
            ])
            #expect(abort.status == 0, "\(abort.stderr)")
            let after = try await aws.run([
                "s3api", "list-parts", "--bucket", "mp-bucket", "--key", "gone.bin", "--upload-id", abandonedId,
            ])
            #expect(after.status != 0 && after.stderr.contains("NoSuchUpload"), "\(after.stderr)")
        }

        @Test func s3CpOfTwentyMiBWithSSEKMSRoundTripsByteIdentical() async throws {
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "cp-bucket"])
            let source = try file("video.bin", size: 20 << 20, seed: 3)
            let up = try await aws.run(["s3", "cp", source.path, "s3://cp-bucket/video.bin", "--sse", "aws:kms"])
            #expect(up.status == 0, "\(up.stderr)")
            let head = try await aws.json(["s3api", "head-object", "--bucket", "cp-bucket", "--key", "video.bin"])
            #expect((head["ETag"] as? String)?.contains("-") == true, "the CLI should have used multipart")
            #expect(head["ServerSideEncryption"] as? String == "aws:kms")
            #expect(head["ContentLength"] as? Int == 20 << 20)
            let back = scratch.path("video.back")
            let down = try await aws.run(["s3", "cp", "s3://cp-bucket/video.bin", back.path])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try Data(contentsOf: back) == (try Data(contentsOf: source)))
        }
    }
}
