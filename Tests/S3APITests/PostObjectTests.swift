import Crypto
import Foundation
import HTTPSupport
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import TestSupport
import Testing
import TextCodings

@testable import S3API

/// Browser POST uploads through the S3 routes: signed forms stored as a PUT would store them, and refused ones.
@Suite(.timeLimit(.minutes(5))) struct PostObjectTests {
    static let anyKey = #"["starts-with", "$key", ""]"#

    static func header(_ response: TestResponse, _ name: String) -> String? {
        response.headers[HTTPField.Name(name)!]
    }

    @Test func aSignedFormIsStoredAndAnswered204() async throws {
        try await S3TestHarness.run { _, client in
            let form = PostFormBuilder.signed(
                conditions: [
                    Self.anyKey, #"{"content-type": "text/plain"}"#, #"["starts-with", "$x-amz-meta-tag", ""]"#,
                ],
                fields: [("Key", "uploads/${filename}"), ("Content-Type", "text/plain"), ("x-amz-meta-tag", "blue")])
            let response = try await form.post(to: "bucket1", client)
            #expect(response.status == .noContent, "\(response.text)")
            #expect(Self.header(response, "ETag") == "\"\(Self.md5Hex(form.file))\"")
            #expect(Self.header(response, "Location")?.hasSuffix("/bucket1/uploads/hello.txt") == true)
            let read = try await client.get("/bucket1/uploads/hello.txt")
            #expect(read.text == form.file)
            #expect(Self.header(read, "Content-Type") == "text/plain")
            #expect(Self.header(read, "x-amz-meta-tag") == "blue")
        }
    }

    @Test func successActionStatusAndRedirectShapeTheAnswer() async throws {
        try await S3TestHarness.run { _, client in
            let conditions = [Self.anyKey, #"["starts-with", "$success_action_status", ""]"#]
            let created = try await PostFormBuilder.signed(
                conditions: conditions, fields: [("key", "a b"), ("success_action_status", "201")]
            ).post(to: "bucket1", client)
            #expect(created.status == .created)
            #expect(created.xml("Key") == "a b" && created.xml("Bucket") == "bucket1")
            #expect(
                created.xml("Location")?.hasPrefix("http://") == true
                    && created.xml("Location")?.hasSuffix("/bucket1/a%20b") == true)
            #expect(created.xml("ETag")?.replacingOccurrences(of: "&quot;", with: "\"") == Self.header(created, "ETag"))
            let ok = try await PostFormBuilder.signed(
                conditions: conditions, fields: [("key", "k"), ("success_action_status", "200")]
            ).post(to: "bucket1", client)
            #expect(ok.status == .ok && ok.body.readableBytes == 0)
            let redirected = try await PostFormBuilder.signed(
                conditions: [Self.anyKey, #"{"success_action_redirect": "https://app.test/done?x=1"}"#],
                fields: [("key", "r/1"), ("success_action_redirect", "https://app.test/done?x=1")]
            ).post(to: "bucket1", client)
            #expect(redirected.status == .seeOther)
            let etag = try #require(Self.header(redirected, "ETag")).replacingOccurrences(of: "\"", with: "%22")
            #expect(
                Self.header(redirected, "Location") == "https://app.test/done?x=1&bucket=bucket1&key=r%2F1&etag=\(etag)"
            )
        }
    }

    @Test func theFormsSSEFieldsEncryptUnderTheNamedKey() async throws {
        try await S3TestHarness.run { harness, client in
            let arn = harness.keys.createKey()
            let form = PostFormBuilder.signed(
                conditions: [
                    Self.anyKey, #"{"x-amz-server-side-encryption": "aws:kms"}"#,
                    #"{"x-amz-server-side-encryption-aws-kms-key-id": "\#(arn)"}"#,
                    #"{"x-amz-server-side-encryption-bucket-key-enabled": "true"}"#,
                ],
                fields: [
                    ("key", "secret"), ("x-amz-server-side-encryption", "aws:kms"),
                    ("x-amz-server-side-encryption-aws-kms-key-id", arn),
                    ("x-amz-server-side-encryption-bucket-key-enabled", "true"),
                ])
            let response = try await form.post(to: "bucket1", client)
            #expect(response.status == .noContent, "\(response.text)")
            #expect(Self.header(response, "x-amz-server-side-encryption") == "aws:kms")
            let head = try await client.s3(.head, "/bucket1/secret")
            #expect(Self.header(head, "x-amz-server-side-encryption-aws-kms-key-id") == arn)
            #expect(Self.header(head, "x-amz-server-side-encryption-bucket-key-enabled") == "true")
        }
    }

    @Test func theLengthRangeRefusesAndStoresNothing() async throws {
        try await S3TestHarness.run { _, client in
            for (file, code) in [(String(repeating: "x", count: 11), "EntityTooLarge"), ("abc", "EntityTooSmall")] {
                var form = PostFormBuilder.signed(
                    conditions: [Self.anyKey, #"["content-length-range", 5, 10]"#], fields: [("key", "sized")])
                form.file = file
                let response = try await form.post(to: "bucket1", client)
                #expect(response.status == .badRequest && response.errorCode == code, "\(response.text)")
                #expect(try await client.get("/bucket1/sized").status == .notFound)
            }
        }
    }

    @Test func refusedForms() async throws {
        try await S3TestHarness.run { _, client in
            let expired = try await PostFormBuilder.signed(
                conditions: [Self.anyKey], fields: [("key", "k")], expiration: Date().addingTimeInterval(-1)
            ).post(to: "bucket1", client)
            #expect(
                expired.status == .forbidden && expired.xml("Message") == "Invalid according to Policy: Policy expired."
            )
            var tampered = PostFormBuilder.signed(conditions: [Self.anyKey], fields: [("key", "k")])
            tampered.fields[tampered.fields.count - 1].1 = String(repeating: "0", count: 64)
            #expect(try await tampered.post(to: "bucket1", client).errorCode == "SignatureDoesNotMatch")
            let extra = try await PostFormBuilder.signed(
                conditions: [Self.anyKey], fields: [("key", "k"), ("Content-Type", "text/html")]
            ).post(to: "bucket1", client)
            #expect(extra.xml("Message") == "Invalid according to Policy: Extra input fields: content-type")
            let anonymous = try await PostFormBuilder(fields: [("key", "k")]).post(to: "bucket1", client)
            #expect(anonymous.status == .forbidden && anonymous.errorCode == "AccessDenied")
            let noKey = try await PostFormBuilder.signed(conditions: [], fields: []).post(to: "bucket1", client)
            #expect(noKey.status == .badRequest && noKey.errorCode == "InvalidArgument")
            let notAForm = try await client.execute(
                uri: "/bucket1", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "x"))
            #expect(notAForm.status == .preconditionFailed)
            #expect(try await client.get("/bucket1/k").status == .notFound)
        }
    }

    @Test func aclIsTheCannedACLOfAPutAndTaggingIsNotImplemented() async throws {
        try await S3TestHarness.run { _, client in
            let conditions = [Self.anyKey, #"["starts-with", "$acl", ""]"#, #"["starts-with", "$tagging", ""]"#]
            let readable = try await PostFormBuilder.signed(
                conditions: conditions, fields: [("key", "open"), ("ACL", "public-read")]
            ).post(to: "bucket1", client)
            #expect(readable.status == .noContent, "\(readable.text)")
            #expect(try await client.get("/bucket1/open", auth: .anonymous).status == .ok)
            let bad = try await PostFormBuilder.signed(conditions: conditions, fields: [("key", "k"), ("acl", "nope")])
                .post(to: "bucket1", client)
            #expect(bad.status == .badRequest && bad.errorCode == "InvalidArgument")
            let tagged = try await PostFormBuilder.signed(
                conditions: conditions, fields: [("key", "k"), ("tagging", "<Tagging/>")]
            ).post(to: "bucket1", client)
            #expect(tagged.status == .notImplemented)
        }
    }

    @Test func anIAMUserMayPostOnlyWhereItsPolicyAllowsPutObject() async throws {
        let user = try LimitedUser(
            "poster", statements: [LimitedUser.allow(["s3:PutObject"], on: ["arn:aws:s3:::bucket1/user/*"])])
        try await S3TestHarness.with { harness in
            try await harness.store.createBucket("bucket1")
            try await harness.test(users: [user.credential]) { client in
                for (key, status) in [("user/ok", HTTPResponse.Status.noContent), ("admin/no", .forbidden)] {
                    let response = try await PostFormBuilder.signed(
                        conditions: [Self.anyKey], fields: [("key", key)],
                        accessKeyId: user.credential.accessKeyId, secret: user.credential.secretAccessKey
                    ).post(to: "bucket1", client)
                    #expect(response.status == status, "\(key): \(response.text)")
                }
            }
        }
    }
}

extension PostObjectTests {
    /// The hex MD5 of `text` (the ETag of a single-part object).
    static func md5Hex(_ text: String) -> String {
        TextCodings.Hex.encode(Insecure.MD5.hash(data: Array(text.utf8)))
    }
}
