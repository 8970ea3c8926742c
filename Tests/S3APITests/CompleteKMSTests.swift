import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// CompleteMultipartUpload of an SSE-KMS upload needs the key service's Decrypt, as on AWS.
@Suite struct CompleteKMSTests {
    /// Creates an SSE-KMS upload under `arn` with one part; returns the upload id and the completion body.
    static func upload(_ client: any TestClientProtocol, arn: String) async throws -> (String, ByteBuffer) {
        let created = try await client.s3(
            .post, "/bucket1/k", query: "uploads",
            headers: [(MultipartTests.sse, "aws:kms"), (MultipartTests.keyIdHeader, arn)])
        let uploadId = try #require(created.xml("UploadId"))
        let part = try await client.s3(
            .put, "/bucket1/k", query: "partNumber=1&uploadId=\(uploadId)", body: ByteBuffer(string: "only part"))
        return (uploadId, MultipartTests.completion([(1, try #require(part.headers[.eTag]))]))
    }

    @Test func completeDecryptsTheUploadKeyOnce() async throws {
        try await MultipartTests.run { harness, client in
            let (uploadId, body) = try await Self.upload(client, arn: harness.keys.createKey())
            let before = harness.keys.decryptCalls
            let done = try await client.s3(.post, "/bucket1/k", query: "uploadId=\(uploadId)", body: body)
            #expect(done.status == .ok)
            #expect(harness.keys.decryptCalls == before + 1)
        }
    }

    /// The key service's refusal stops Complete and leaves the upload to retry.
    @Test func completeFailsWhenTheKeyServiceRefusesDecrypt() async throws {
        try await MultipartTests.run { harness, client in
            let arn = harness.keys.createKey()
            let (uploadId, body) = try await Self.upload(client, arn: arn)
            harness.keys.setEnabled(arn, false)
            let refused = try await client.s3(.post, "/bucket1/k", query: "uploadId=\(uploadId)", body: body)
            #expect(refused.status == .badRequest)
            #expect(refused.errorCode == "KMS.DisabledException")
            #expect(try await client.get("/bucket1/k").status == .notFound)
            harness.keys.setEnabled(arn, true)
            let done = try await client.s3(.post, "/bucket1/k", query: "uploadId=\(uploadId)", body: body)
            #expect(done.status == .ok)
        }
    }

    @Test func sseS3CompleteMakesNoKMSCall() async throws {
        try await MultipartTests.run { harness, client in
            let uploadId = try #require(try await client.s3(.post, "/bucket1/s3", query: "uploads").xml("UploadId"))
            let part = try await client.s3(
                .put, "/bucket1/s3", query: "partNumber=1&uploadId=\(uploadId)", body: ByteBuffer(string: "x"))
            let before = harness.keys.decryptCalls
            let done = try await client.s3(
                .post, "/bucket1/s3", query: "uploadId=\(uploadId)",
                body: MultipartTests.completion([(1, try #require(part.headers[.eTag]))]))
            #expect(done.status == .ok)
            #expect(harness.keys.decryptCalls == before)
        }
    }
}
