import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite struct EncryptionTests {
    static let sse = "x-amz-server-side-encryption"
    static let keyIdHeader = "x-amz-server-side-encryption-aws-kms-key-id"
    static let contextHeader = "x-amz-server-side-encryption-context"
    static let bucketKeyHeader = "x-amz-server-side-encryption-bucket-key-enabled"

    static func header(_ response: TestResponse, _ name: String) -> String? {
        response.headers[HTTPField.Name(name)!]
    }

    @Test func sseKMSEnvelopeWithKeyIdContextAndBucketKey() async throws {
        try await S3TestHarness.run { harness, client in
            let keyId = UUID().uuidString.lowercased()
            let arn = harness.keys.createKey(keyId, alias: "alias/lecture")
            let context = Data(#"{"tenant":"a"}"#.utf8).base64EncodedString()
            for reference in [keyId, arn, "alias/lecture"] {
                let put = try await client.put(
                    "/bucket1/secret", "envelope",
                    headers: [
                        (Self.sse, "aws:kms"), (Self.keyIdHeader, reference), (Self.contextHeader, context),
                        (Self.bucketKeyHeader, "true"),
                    ])
                #expect(put.status == .ok, "\(put.text)")
                #expect(Self.header(put, Self.sse) == "aws:kms")
                #expect(Self.header(put, Self.keyIdHeader) == arn)
                #expect(Self.header(put, Self.contextHeader) == context)
                #expect(Self.header(put, Self.bucketKeyHeader) == "true")
            }
            let head = try await client.s3(.head, "/bucket1/secret")
            #expect(Self.header(head, Self.keyIdHeader) == arn)
            #expect(Self.header(head, Self.bucketKeyHeader) == "true")
            let get = try await client.get("/bucket1/secret")
            #expect(get.text == "envelope")
            #expect(Self.header(get, Self.keyIdHeader) == arn)

            // Without a bucket key: one GenerateDataKey with the object ARN plus the user's context per PUT, one
            // Decrypt per GET, none per HEAD.
            let noBucketKey = try await client.put(
                "/bucket1/nbk", "x",
                headers: [(Self.sse, "aws:kms"), (Self.keyIdHeader, arn), (Self.contextHeader, context)])
            #expect(Self.header(noBucketKey, Self.bucketKeyHeader) == nil)
            #expect(harness.keys.lastContext == ["tenant": "a", "aws:s3:arn": "arn:aws:s3:::bucket1/nbk"])
            let decrypts = harness.keys.decryptCalls
            _ = try await client.s3(.head, "/bucket1/nbk")
            #expect(harness.keys.decryptCalls == decrypts)
            #expect(try await client.get("/bucket1/nbk").text == "x")
            #expect(harness.keys.decryptCalls == decrypts + 1)
            let noContext = try await client.put(
                "/bucket1/nc", "x", headers: [(Self.sse, "aws:kms"), (Self.keyIdHeader, arn)])
            #expect(Self.header(noContext, Self.contextHeader) == nil)
        }
    }

    @Test func sseKMSWithoutAKeyUsesTheAWSManagedKey() async throws {
        try await S3TestHarness.run { _, client in
            let put = try await client.put("/bucket1/managed", "x", headers: [(Self.sse, "aws:kms")])
            #expect(Self.header(put, Self.keyIdHeader) == TestKeyService.managedKeyArn)
        }
    }

    @Test func kmsErrorsAreMappedAsS3MapsThem() async throws {
        try await S3TestHarness.run { harness, client in
            let arn = harness.keys.createKey()
            try await client.put("/bucket1/o", "x", headers: [(Self.sse, "aws:kms"), (Self.keyIdHeader, arn)])

            let unknown = try await client.put(
                "/bucket1/u", "x", headers: [(Self.sse, "aws:kms"), (Self.keyIdHeader, "fake-key-id")])
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "KMS.NotFoundException")
            #expect(unknown.xml("Message") == "Invalid keyId 'fake-key-id'")

            harness.keys.setEnabled(arn, false)
            let disabledPut = try await client.put(
                "/bucket1/d", "x", headers: [(Self.sse, "aws:kms"), (Self.keyIdHeader, arn)])
            #expect(disabledPut.status == .badRequest)
            #expect(disabledPut.errorCode == "KMS.DisabledException")
            #expect(disabledPut.xml("Message") == "\(arn) is disabled.")
            let disabledGet = try await client.get("/bucket1/o")
            #expect(disabledGet.errorCode == "KMS.DisabledException")
            harness.keys.setEnabled(arn, true)
            #expect(try await client.get("/bucket1/o").text == "x")

            harness.keys.setThrottled(true)
            let throttled = try await client.get("/bucket1/o")
            #expect(throttled.status == .serviceUnavailable)
            #expect(throttled.errorCode == "SlowDown")
            harness.keys.setThrottled(false)
        }
    }

    @Test func invalidSSERequestHeaders() async throws {
        try await S3TestHarness.run { harness, client in
            let arn = harness.keys.createKey()
            let cases: [([(String, String)], HTTPResponse.Status, String)] = [
                ([(Self.sse, "AES256"), (Self.keyIdHeader, arn)], .badRequest, "InvalidArgument"),
                ([(Self.keyIdHeader, arn)], .badRequest, "InvalidArgument"),
                ([(Self.sse, "bogus")], .badRequest, "InvalidArgument"),
                ([(Self.sse, "aws:kms:dsse")], .notImplemented, "NotImplemented"),
                ([(Self.sse, "aws:kms"), (Self.contextHeader, "not base64!")], .badRequest, "InvalidArgument"),
                (
                    [(Self.sse, "aws:kms"), (Self.contextHeader, Data("[1]".utf8).base64EncodedString())], .badRequest,
                    "InvalidArgument"
                ),
                (
                    [
                        (Self.sse, "aws:kms"),
                        (
                            Self.contextHeader,
                            Data(#"{"aws:s3:arn":"arn:aws:s3:::other/x"}"#.utf8).base64EncodedString()
                        ),
                    ],
                    .badRequest, "InvalidArgument"
                ),
                ([(Self.sse, "aws:kms"), (Self.bucketKeyHeader, "maybe")], .badRequest, "InvalidArgument"),
                ([("x-amz-server-side-encryption-customer-algorithm", "AES256")], .badRequest, "InvalidRequest"),
            ]
            for (headers, status, code) in cases {
                let response = try await client.put("/bucket1/bad", "x", headers: headers)
                #expect(response.status == status, "\(headers)")
                #expect(response.errorCode == code, "\(headers)")
            }
            #expect(try await client.get("/bucket1/bad").errorCode == "NoSuchKey")
            let context = try await client.put(
                "/bucket1/bad", "x", headers: [(Self.sse, "aws:kms"), (Self.contextHeader, "e30=x")])
            #expect(
                context.xml("Message")?.hasPrefix("The header 'x-amz-server-side-encryption-context' shall be") == true)
        }
    }

    @Test func bucketDefaultEncryption() async throws {
        try await S3TestHarness.run { harness, client in
            let arn = harness.keys.createKey()
            let initial = try await client.get("/bucket1", query: "encryption")
            #expect(initial.xml("SSEAlgorithm") == "AES256")
            #expect(initial.xml("BucketKeyEnabled") == "false")

            let configuration =
                #"<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
                + "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>"
                + "<KMSMasterKeyID>\(arn)</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>"
                + "<BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>"
            let put = try await client.s3(
                .put, "/bucket1", query: "encryption", body: ByteBuffer(string: configuration))
            #expect(put.status == .ok, "\(put.text)")
            let configured = try await client.get("/bucket1", query: "encryption")
            #expect(configured.xml("SSEAlgorithm") == "aws:kms")
            #expect(configured.xml("KMSMasterKeyID") == arn)
            #expect(configured.xml("BucketKeyEnabled") == "true")

            let object = try await client.put("/bucket1/default", "x")
            #expect(Self.header(object, Self.sse) == "aws:kms")
            #expect(Self.header(object, Self.keyIdHeader) == arn)
            #expect(Self.header(object, Self.bucketKeyHeader) == "true")
            let overridden = try await client.put("/bucket1/s3", "x", headers: [(Self.sse, "AES256")])
            #expect(Self.header(overridden, Self.sse) == "AES256")
            let noBucketKey = try await client.put("/bucket1/nbk", "x", headers: [(Self.bucketKeyHeader, "false")])
            #expect(Self.header(noBucketKey, Self.bucketKeyHeader) == nil)

            #expect(try await client.s3(.delete, "/bucket1", query: "encryption").status == .noContent)
            #expect(try await client.s3(.delete, "/bucket1", query: "encryption").status == .noContent)
            #expect(try await client.get("/bucket1", query: "encryption").xml("SSEAlgorithm") == "AES256")
            #expect(try await client.get("/bucket1/default").text == "x")
        }
    }

    @Test func putBucketEncryptionErrors() async throws {
        try await S3TestHarness.run { _, client in
            let rule =
                "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                + "</ApplyServerSideEncryptionByDefault></Rule>"
            let cases: [(String, String)] = [
                (
                    "<ServerSideEncryptionConfiguration>\(rule)\(rule)</ServerSideEncryptionConfiguration>",
                    "MalformedXML"
                ),
                ("<ServerSideEncryptionConfiguration></ServerSideEncryptionConfiguration>", "MalformedXML"),
                (
                    "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256"
                        + "</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>"
                        + "</ServerSideEncryptionConfiguration>", "InvalidArgument"
                ),
                (
                    "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>DES"
                        + "</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>",
                    "InvalidArgument"
                ),
            ]
            for (body, code) in cases {
                let response = try await client.s3(
                    .put, "/bucket1", query: "encryption", body: ByteBuffer(string: body))
                #expect(response.errorCode == code, "\(body)")
            }
            let ok = "<ServerSideEncryptionConfiguration>\(rule)</ServerSideEncryptionConfiguration>"
            for (method, body) in [(HTTPRequest.Method.get, nil), (.put, ByteBuffer(string: ok)), (.delete, nil)] {
                let missing = try await client.s3(method, "/nobucket", query: "encryption", body: body)
                #expect(missing.status == .notFound)
                #expect(missing.errorCode == "NoSuchBucket")
            }
        }
    }
}
