import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Multipart uploads with SSE-KMS need both `kms:GenerateDataKey` (CreateMultipartUpload) and `kms:Decrypt`
/// (UploadPart and CompleteMultipartUpload recover the upload's data key), as on AWS. Full stack: a real key
/// service evaluating the key policy and the user's IAM policy, S3 calling it on the user's behalf.
@Suite("Multipart SSE-KMS permissions over HTTP")
struct MultipartKMSPermissionTests {
    /// carol may do everything in S3 and call GenerateDataKey, but not Decrypt. The keys' default policy delegates
    /// to the account, so her IAM policy decides.
    static let users = """
        {"users": [{"name": "carol", "accessKeyId": "AKIACAROLTEST", "secretAccessKey": "carol-secret-key",
          "policy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            {"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:DescribeKey"], "Resource": "*"}]}}]}
        """
    static let carol = TestSigner(accessKeyId: "AKIACAROLTEST", secretAccessKey: "carol-secret-key")

    @Test func uploadingPartsNeedsDecryptAsWellAsGenerateDataKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-mpu-kms-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try TestServer.configuration(in: directory, users: Self.users)

        let application = try await buildApplication(configuration: configuration)
        try await application.test(.router) { client in
            // Given a bucket and a customer managed key with the default key policy,
            let root = KMSTestClient(client: client)
            let keyId = try await root.createKey()
            #expect(try await root.s3(.put, "/uploads").status == .ok)
            let sse = [
                ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", keyId),
            ]

            // when carol, who may GenerateDataKey but not Decrypt, starts an SSE-KMS upload, it is created
            let carol = KMSTestClient(client: client, signer: Self.carol)
            let created = try await carol.s3(.post, "/uploads/video.bin", query: "uploads=", headers: sse)
            try #require(created.status == .ok, "\(String(buffer: created.body))")
            let uploadId = try #require(Self.element("UploadId", in: String(buffer: created.body)))

            // but uploading a part, which decrypts the upload's data key, is AccessDenied (worded as S3 words a denied
            // Decrypt: a plain "Access Denied", reference §4.7), and nothing is stored;
            let part = try await carol.s3(
                .put, "/uploads/video.bin", query: "partNumber=1&uploadId=\(uploadId)",
                body: Array(repeating: 7, count: 1024))
            #expect(part.status == .forbidden)
            let error = String(buffer: part.body)
            #expect(error.contains("<Code>AccessDenied</Code><Message>Access Denied</Message>"), "\(error)")
            let parts = try await root.s3(.get, "/uploads/video.bin", query: "uploadId=\(uploadId)")
            #expect(parts.status == .ok)
            #expect(!String(buffer: parts.body).contains("<Part>"))

            // while root, whom the key policy allows everything, uploads and completes with the same key.
            let rootUpload = try await root.s3(.post, "/uploads/root.bin", query: "uploads=", headers: sse)
            let rootId = try #require(Self.element("UploadId", in: String(buffer: rootUpload.body)))
            let rootPart = try await root.s3(
                .put, "/uploads/root.bin", query: "partNumber=1&uploadId=\(rootId)",
                body: Array(repeating: 9, count: 1024))
            #expect(rootPart.status == .ok)
            let etag = try #require(rootPart.headers[.eTag])
            let complete = """
                <CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(etag)</ETag></Part>\
                </CompleteMultipartUpload>
                """
            let completed = try await root.s3(
                .post, "/uploads/root.bin", query: "uploadId=\(rootId)", body: Array(complete.utf8))
            #expect(completed.status == .ok, "\(String(buffer: completed.body))")
        }
    }

    /// The text of the first `<name>` element of an XML document.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}
