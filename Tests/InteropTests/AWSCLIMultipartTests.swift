import Foundation
import Testing

/// The multipart calls one by one through `aws s3api`, under SSE-KMS with a Bucket Key: every response echoes the
/// encryption, and Complete yields one object whose bytes are the parts in order.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"))
    struct AWSCLIMultipartTests {
        let server: CofferProcess
        let aws: AWSCLI
        let scratch: Scratch

        init() async throws {
            server = try await CofferProcess.started()
            aws = AWSCLI(server: server)
            scratch = try Scratch()
        }

        /// Checks that an s3api response carries SSE-KMS under `keyArn` with a Bucket Key.
        func expectEncryption(
            _ response: [String: Any], _ keyArn: String, _ call: String,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            #expect(response["ServerSideEncryption"] as? String == "aws:kms", "\(call)", sourceLocation: sourceLocation)
            #expect(response["SSEKMSKeyId"] as? String == keyArn, "\(call)", sourceLocation: sourceLocation)
            #expect(response["BucketKeyEnabled"] as? Bool == true, "\(call)", sourceLocation: sourceLocation)
        }

        /// `create-multipart-upload` under SSE-KMS with a Bucket Key; returns the upload id.
        func createUpload(key: String, keyArn: String) async throws -> String {
            let created = try await aws.json([
                "s3api", "create-multipart-upload", "--bucket", "parts", "--key", key,
                "--server-side-encryption", "aws:kms", "--ssekms-key-id", keyArn, "--bucket-key-enabled",
            ])
            expectEncryption(created, keyArn, "create-multipart-upload")
            return try #require(created["UploadId"] as? String)
        }

        func uploadPart(key: String, uploadId: String, number: Int, body: URL) async throws -> [String: Any] {
            try await aws.json([
                "s3api", "upload-part", "--bucket", "parts", "--key", key, "--upload-id", uploadId,
                "--part-number", String(number), "--body", body.path,
            ])
        }

        /// `complete-multipart-upload` with parts 1...n carrying `etags`, through a `file://` manifest.
        func complete(key: String, uploadId: String, etags: [String]) async throws -> [String: Any] {
            let parts = etags.enumerated().map { ["PartNumber": $0.offset + 1, "ETag": $0.element] as [String: Any] }
            let manifest = scratch.path("parts.json")
            try JSONSerialization.data(withJSONObject: ["Parts": parts]).write(to: manifest)
            return try await aws.json([
                "s3api", "complete-multipart-upload", "--bucket", "parts", "--key", key, "--upload-id", uploadId,
                "--multipart-upload", "file://\(manifest.path)",
            ])
        }

        @Test func createUploadListCompleteWithSSEKMS() async throws {
            defer { scratch.remove() }
            let key = try await aws.json(["kms", "create-key", "--description", "multipart"])
            let keyArn = try #require((key["KeyMetadata"] as? [String: Any])?["Arn"] as? String)
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "parts"])
            let first = try scratch.file("part1", size: 5 * Scratch.mebibyte)
            let second = try scratch.file("part2", size: 300_000)

            let uploadId = try await createUpload(key: "video.bin", keyArn: keyArn)
            let uploads = try await aws.json(["s3api", "list-multipart-uploads", "--bucket", "parts"])
            #expect((uploads["Uploads"] as? [[String: Any]])?.compactMap { $0["UploadId"] as? String } == [uploadId])
            var etags: [String] = []
            for (number, body) in [first, second].enumerated() {
                let part = try await uploadPart(key: "video.bin", uploadId: uploadId, number: number + 1, body: body)
                expectEncryption(part, keyArn, "upload-part \(number + 1)")
                etags.append(try #require(part["ETag"] as? String))
            }
            let parts = try await aws.json([
                "s3api", "list-parts", "--bucket", "parts", "--key", "video.bin", "--upload-id", uploadId,
            ])
            let listed = parts["Parts"] as? [[String: Any]] ?? []
            #expect(listed.compactMap { $0["Size"] as? Int } == [5 * Scratch.mebibyte, 300_000])
            #expect(listed.compactMap { $0["ETag"] as? String } == etags)

            let completed = try await complete(key: "video.bin", uploadId: uploadId, etags: etags)
            expectEncryption(completed, keyArn, "complete-multipart-upload")
            #expect((completed["ETag"] as? String)?.hasSuffix("-2\"") == true, "\(completed)")
            // A retried complete (a client that lost the first answer) gets the same answer, as from S3.
            let retried = try await complete(key: "video.bin", uploadId: uploadId, etags: etags)
            #expect(retried["ETag"] as? String == completed["ETag"] as? String, "\(retried)")

            let head = try await aws.json(["s3api", "head-object", "--bucket", "parts", "--key", "video.bin"])
            expectEncryption(head, keyArn, "head-object")
            #expect(head["ContentLength"] as? Int == 5 * Scratch.mebibyte + 300_000)
            let out = scratch.path("video.back")
            _ = try await aws.json(["s3api", "get-object", "--bucket", "parts", "--key", "video.bin", out.path])
            let joined = try Data(contentsOf: first) + Data(contentsOf: second)
            #expect(try Data(contentsOf: out) == joined)
        }

        @Test func abortRemovesTheUpload() async throws {
            defer { scratch.remove() }
            let key = try await aws.json(["kms", "create-key", "--description", "abort"])
            let keyArn = try #require((key["KeyMetadata"] as? [String: Any])?["Arn"] as? String)
            _ = try await aws.json(["s3api", "create-bucket", "--bucket", "parts"])
            let uploadId = try await createUpload(key: "abandoned.bin", keyArn: keyArn)
            _ = try await uploadPart(
                key: "abandoned.bin", uploadId: uploadId, number: 1, body: try scratch.file("p", size: 1000))

            _ = try await aws.json([
                "s3api", "abort-multipart-upload", "--bucket", "parts", "--key", "abandoned.bin", "--upload-id",
                uploadId,
            ])
            let parts = try await aws.run([
                "s3api", "list-parts", "--bucket", "parts", "--key", "abandoned.bin", "--upload-id", uploadId,
            ])
            #expect(parts.status != 0 && parts.stderr.contains("NoSuchUpload"), "\(parts.stderr)")
            let uploads = try await aws.json(["s3api", "list-multipart-uploads", "--bucket", "parts"])
            #expect((uploads["Uploads"] as? [Any] ?? []).isEmpty)
        }
    }
}
