import Foundation
import HTTPSupport
import HTTPTypes
import SigV4
import Testing

@testable import S3API

/// The POST upload's policy document, its evaluation, and both signatures over it.
@Suite struct PostPolicyTests {
    static func policy(_ json: String) -> String { Data(json.utf8).base64EncodedString() }

    static func form(_ fields: [(String, String)]) throws -> PostForm {
        var form = PostForm()
        for (name, value) in fields { try form.add(name: name, value: value) }
        return form
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15

    static func check(
        _ conditions: String, _ fields: [(String, String)], expiration: String = "2030-01-01T00:00:00.000Z"
    )
        throws
    {
        let document = #"{"expiration": "\#(expiration)", "conditions": [\#(conditions)]}"#
        try PostPolicy(base64: policy(document)).check(form(fields), bucket: "photos", now: now)
    }

    static func denial(_ reason: String) -> S3Error { S3Error.policyViolation(reason) }

    @Test func aFormThatMeetsEveryConditionPasses() throws {
        try Self.check(
            #"{"bucket": "photos"}, ["starts-with", "$key", "user/"], {"acl": "private"}, ["eq", "$Content-Type", "image/png"], ["starts-with", "$x-amz-meta-tag", ""], ["content-length-range", 1, 10]"#,
            [
                ("key", "user/a.png"), ("acl", "private"), ("content-type", "image/png"), ("X-Amz-Meta-Tag", "x"),
                ("policy", "…"), ("x-amz-signature", "…"), ("x-ignore-me", "1"),
            ])
    }

    @Test func anExpiredPolicyIsDenied() {
        #expect(throws: Self.denial("Policy expired.")) {
            try Self.check(#"["starts-with", "$key", ""]"#, [("key", "k")], expiration: "2026-12-01T00:00:00Z")
        }
    }

    @Test(arguments: [
        (#"{"bucket": "other"}"#, [("key", "k")], #"["eq", "$bucket", "other"]"#),
        (#"["eq", "$key", "a"]"#, [("key", "b")], #"["eq", "$key", "a"]"#),
        (#"["starts-with", "$key", "user/"]"#, [("key", "admin/x")], #"["starts-with", "$key", "user/"]"#),
        (
            #"["eq", "$x-amz-server-side-encryption", "aws:kms"]"#, [("key", "k")],
            #"["eq", "$x-amz-server-side-encryption", "aws:kms"]"#
        ),
    ])
    func aFailedConditionIsQuoted(conditions: String, fields: [(String, String)], quoted: String) {
        #expect(throws: Self.denial("Policy Condition failed: \(quoted)")) {
            try Self.check(#"["starts-with", "$key", ""], "# + conditions, fields)
        }
    }

    @Test func everyFieldMustBeCoveredByACondition() {
        #expect(throws: Self.denial("Extra input fields: content-type, x-amz-meta-a")) {
            try Self.check(
                #"["starts-with", "$key", ""]"#, [("key", "k"), ("Content-Type", "x"), ("x-amz-meta-a", "1")])
        }
    }

    @Test(arguments: [
        "not base64 json!", #"{"conditions": []}"#, #"{"expiration": "tomorrow", "conditions": []}"#,
        #"{"expiration": "2030-01-01T00:00:00Z"}"#,
        #"{"expiration": "2030-01-01T00:00:00Z", "conditions": [["gt", "$key", "a"]]}"#,
        #"{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "key", "a"]]}"#,
        #"{"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 10, 1]]}"#,
    ])
    func aMalformedDocumentIsInvalid(document: String) {
        let error = Self.s3Error {
            _ = try PostPolicy(base64: document.hasPrefix("{") ? Self.policy(document) : document)
        }
        #expect(error?.code == "InvalidPolicyDocument")
    }

    @Test func theLengthRangeIsRead() throws {
        let policy = try PostPolicy(
            base64: Self.policy(
                #"{"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 5, "20"]]}"#))
        #expect(policy.contentLengthRange == 5...20)
    }

    // Signatures: vectors computed independently with Python's hmac/hashlib (see the report of issue #14).
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let signedPolicy =
        "eyJleHBpcmF0aW9uIjogIjIwMzAtMDEtMDFUMDA6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAicGhvdG9zIn0sIFsic3Rh"
        + "cnRzLXdpdGgiLCAiJGtleSIsICJ1c2VyLyJdXX0="
    static let authenticator = S3Authenticator(
        region: "us-east-1",
        credentials: CredentialStore([
            .root(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, accountId: "111122223333")
        ]))

    static func sigV4Form(signature: String, credential: String = "AKIDEXAMPLE/20151229/us-east-1/s3/aws4_request")
        throws -> PostForm
    {
        try form([
            ("key", "user/a"), ("policy", signedPolicy), ("x-amz-algorithm", "AWS4-HMAC-SHA256"),
            ("x-amz-credential", credential), ("x-amz-date", "20151229T000000Z"), ("x-amz-signature", signature),
        ])
    }

    /// The error `body` throws, which must be an `S3Error`.
    static func s3Error(_ body: () throws -> Void) -> S3Error? {
        #expect(throws: S3Error.self) { try body() }
    }

    @Test func aSigV4PolicySignatureIsVerified() throws {
        let good = "3f355ef1014184cf2053aacc6756f02de6cd84c2ac8e7c74908c15ba6010864d"
        let identity = try Self.authenticator.authenticate(post: Self.sigV4Form(signature: good))
        #expect(identity.principal?.arn == "arn:aws:iam::111122223333:root" && !identity.lacksSigV4)
        let tampered = "4" + good.dropFirst()
        let mismatch = Self.s3Error {
            _ = try Self.authenticator.authenticate(post: Self.sigV4Form(signature: tampered))
        }
        #expect(mismatch?.code == "SignatureDoesNotMatch")
        let otherRegion = "AKIDEXAMPLE/20151229/eu-west-1/s3/aws4_request"
        let region = Self.s3Error {
            _ = try Self.authenticator.authenticate(post: Self.sigV4Form(signature: good, credential: otherRegion))
        }
        #expect(region?.status == .badRequest)
        let unknown = "AKIDUNKNOWN/20151229/us-east-1/s3/aws4_request"
        let unknownKey = Self.s3Error {
            _ = try Self.authenticator.authenticate(post: Self.sigV4Form(signature: good, credential: unknown))
        }
        #expect(unknownKey?.code == "InvalidAccessKeyId")
    }

    @Test func aSigV2PolicySignatureIsVerified() throws {
        let fields = [("key", "user/a"), ("policy", Self.signedPolicy), ("AWSAccessKeyId", "AKIDEXAMPLE")]
        let good = try Self.form(fields + [("signature", "f1853csyI8yveTEzjAwhH6YaTHg=")])
        let identity = try Self.authenticator.authenticate(post: good)
        #expect(identity.principal != nil && identity.lacksSigV4)
        let bad = try Self.form(fields + [("signature", "g1853csyI8yveTEzjAwhH6YaTHg=")])
        #expect(Self.s3Error { _ = try Self.authenticator.authenticate(post: bad) }?.code == "SignatureDoesNotMatch")
    }

    @Test func missingSignatureFieldsAreNamed() throws {
        #expect(try Self.authenticator.authenticate(post: Self.form([("key", "k")])).principal == nil)
        #expect(throws: S3Error.postFieldMissing("x-amz-signature")) {
            try Self.authenticator.authenticate(post: Self.form([("key", "k"), ("policy", "e30=")]))
        }
        #expect(throws: S3Error.postFieldMissing("x-amz-date")) {
            try Self.authenticator.authenticate(
                post: Self.form([
                    ("policy", "e30="), ("x-amz-algorithm", "AWS4-HMAC-SHA256"), ("x-amz-credential", "a"),
                    ("x-amz-signature", "0"),
                ]))
        }
        #expect(throws: S3Error.postFieldMissing("policy")) {
            try Self.authenticator.authenticate(
                post: Self.form([("AWSAccessKeyId", "AKIDEXAMPLE"), ("signature", "x")]))
        }
    }
}
