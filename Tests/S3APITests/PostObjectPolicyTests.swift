import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import S3API

/// Browser POST uploads under a bucket policy: the form's SSE fields are the request's for the policy's conditions,
/// and a policy that lets `*` put a key admits an anonymous form, as on AWS.
@Suite(.timeLimit(.minutes(5))) struct PostObjectPolicyTests {
    static let requireKMS =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket1/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}}]}"#
    static let publicWrite =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket1/public/*"}]}"#
    static let anyKey = #"["starts-with", "$key", ""]"#

    @Test func theFormsEncryptionFieldsMeetTheBucketPolicy() async throws {
        try await S3TestHarness.run { _, client in
            #expect(try await BucketPolicyAPITests.putPolicy(client, Self.requireKMS).status == .noContent)
            let plain = try await PostFormBuilder.signed(conditions: [Self.anyKey], fields: [("key", "plain")])
                .post(to: "bucket1", client)
            #expect(plain.status == .forbidden, "\(plain.text)")
            let sealed = try await PostFormBuilder.signed(
                conditions: [Self.anyKey, #"{"x-amz-server-side-encryption": "aws:kms"}"#],
                fields: [("key", "sealed"), ("x-amz-server-side-encryption", "aws:kms")]
            ).post(to: "bucket1", client)
            #expect(sealed.status == .noContent, "\(sealed.text)")
        }
    }

    @Test func anAnonymousFormNeedsAPolicyThatLetsEveryonePutTheKey() async throws {
        try await S3TestHarness.run { _, client in
            let refused = try await PostFormBuilder(fields: [("key", "public/a")]).post(to: "bucket1", client)
            #expect(refused.status == .forbidden)
            let unblock = try await client.s3(
                .put, "/bucket1", query: "publicAccessBlock", body: ByteBuffer(string: BucketPolicyAPITests.noBlock))
            #expect(unblock.status == .ok)
            #expect(try await BucketPolicyAPITests.putPolicy(client, Self.publicWrite).status == .noContent)
            let admitted = try await PostFormBuilder(fields: [("key", "public/a")]).post(to: "bucket1", client)
            #expect(admitted.status == .noContent, "\(admitted.text)")
            #expect(try await client.get("/bucket1/public/a").text == "hello from a form")
            let elsewhere = try await PostFormBuilder(fields: [("key", "private/a")]).post(to: "bucket1", client)
            #expect(elsewhere.status == .forbidden)
        }
    }
}
