import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SigV4
import TestSupport
import Testing

@Suite struct AuthenticationTests {
    @Test func signatureErrorsComeOutAsS3XML() async throws {
        try await S3TestHarness.run { _, client in
            let unknown = try await client.get("/", auth: .sigV4(accessKeyId: "AKIAUNKNOWN000000000"))
            #expect(unknown.status == .forbidden)
            #expect(unknown.errorCode == "InvalidAccessKeyId")
            #expect(unknown.xml("AWSAccessKeyId") == "AKIAUNKNOWN000000000")

            let mismatch = try await client.get("/bucket1", query: "list-type=2", auth: .sigV4(secret: "wrong"))
            #expect(mismatch.status == .forbidden)
            #expect(mismatch.errorCode == "SignatureDoesNotMatch")
            #expect(mismatch.xml("StringToSign")?.hasPrefix("AWS4-HMAC-SHA256\n") == true)
            #expect(mismatch.xml("CanonicalRequest")?.hasPrefix("GET\n/bucket1\nlist-type=2\n") == true)
            #expect(mismatch.xml("CanonicalRequestBytes")?.hasPrefix("47 45 54 0a") == true)
            #expect(mismatch.xml("SignatureProvided")?.count == 64)

            let skewed = try await client.get("/", auth: .sigV4(date: Date().addingTimeInterval(-1200)))
            #expect(skewed.status == .forbidden)
            #expect(skewed.errorCode == "RequestTimeTooSkewed")
            #expect(skewed.xml("MaxAllowedSkewMilliseconds") == "900000")

            let region = try await client.get("/", auth: .sigV4(region: "eu-west-1"))
            #expect(region.status == .badRequest)
            #expect(region.errorCode == "AuthorizationHeaderMalformed")
            #expect(region.xml("Region") == "us-east-1")

            let anonymous = try await client.get("/", auth: .anonymous)
            #expect(anonymous.status == .forbidden)
            #expect(anonymous.errorCode == "AccessDenied")

            let head = try await client.s3(.head, "/bucket1", auth: .sigV4(secret: "wrong"))
            #expect(head.status == .forbidden)
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func contentSHA256HeaderIsRequiredUnlessTheEmptyPayloadWasSigned() async throws {
        try await S3TestHarness.run { _, client in
            let body = ByteBuffer(string: "body")
            let missing = try await client.s3(
                .put, "/bucket1/k", body: body,
                auth: .sigV4WithoutContentSHA256(payloadHash: hexSHA256(Array("body".utf8))))
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "InvalidRequest")
            #expect(missing.xml("Message") == "Missing required header for this request: x-amz-content-sha256")

            // curl before 8 signs the hash of an empty payload and sends no header: accepted, body unsigned.
            let curlStyle = try await client.s3(
                .put, "/bucket1/k", body: body,
                auth: .sigV4WithoutContentSHA256(payloadHash: SigV4Verifier.emptyPayloadSHA256))
            #expect(curlStyle.status == .ok)
            #expect(try await client.get("/bucket1/k").text == "body")
        }
    }

    @Test func aBodyThatDoesNotHashToTheSignedSHA256IsNotStored() async throws {
        try await S3TestHarness.run { _, client in
            let declared = hexSHA256(Array("something else".utf8))
            let response = try await client.s3(
                .put, "/bucket1/k", body: ByteBuffer(string: "body"), auth: .sigV4(payloadHash: declared))
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "XAmzContentSHA256Mismatch")
            #expect(response.xml("ClientComputedContentSHA256") == declared)
            #expect(response.xml("S3ComputedContentSHA256") == hexSHA256(Array("body".utf8)))
            #expect(try await client.get("/bucket1/k").errorCode == "NoSuchKey")

            let garbage = try await client.s3(
                .put, "/bucket1/k", body: ByteBuffer(string: "body"), auth: .sigV4(payloadHash: "garbage"))
            #expect(garbage.errorCode == "InvalidArgument")
            let unsigned = try await client.s3(
                .put, "/bucket1/k", body: ByteBuffer(string: "body"), auth: .sigV4(payloadHash: "UNSIGNED-PAYLOAD"))
            #expect(unsigned.status == .ok)
        }
    }

    @Test func presignedURLs() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/k", "presigned")
            let get = try await client.get("/bucket1/k", auth: .presigned())
            #expect(get.status == .ok)
            #expect(get.text == "presigned")
            let put = try await client.s3(.put, "/bucket1/p", body: ByteBuffer(string: "up"), auth: .presigned())
            #expect(put.status == .ok)

            let expired = try await client.get(
                "/bucket1/k", auth: .presigned(expires: 60, date: Date().addingTimeInterval(-600)))
            #expect(expired.status == .forbidden)
            #expect(expired.errorCode == "AccessDenied")
            #expect(expired.xml("Message") == "Request has expired")

            let partial = try await client.get(
                "/bucket1/k", query: "X-Amz-Algorithm=AWS4-HMAC-SHA256", auth: .anonymous)
            #expect(partial.status == .badRequest)
            #expect(partial.errorCode == "AuthorizationQueryParametersError")
        }
    }

    @Test func presignedPutWithSSEHeadersSignedAsHeaders() async throws {
        try await S3TestHarness.run { harness, client in
            let keyArn = harness.keys.createKey()
            let headers = [
                ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", keyArn),
            ]
            let query = presignWithHeaders(method: "PUT", path: "/bucket1/bench", headers: headers)
            var fields = HTTPFields()
            for (name, value) in headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
            let put = try await client.execute(
                uri: "/bucket1/bench?\(query)", method: .put, headers: fields, body: ByteBuffer(string: "bench"))
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.headers[HTTPField.Name("x-amz-server-side-encryption-aws-kms-key-id")!] == keyArn)
            #expect(try await client.get("/bucket1/bench").text == "bench")
        }
    }

    /// A presigned URL authorizes only what it signed: any other `x-amz-*` header is refused as AWS refuses it, except
    /// `x-amz-content-sha256`.
    @Test func presignedRequestsRefuseUnsignedAmzHeaders() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/k", "presigned")
            func get(_ headers: [(String, String)]) async throws -> TestResponse {
                let query = presignWithHeaders(method: "GET", path: "/bucket1/k", headers: [])
                var fields = HTTPFields()
                for (name, value) in headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
                return try await client.execute(uri: "/bucket1/k?\(query)", method: .get, headers: fields, body: nil)
            }
            let refused = try await get([
                ("x-amz-acl", "public-read"), ("X-Amz-Meta-Note", "n"), ("Range", "bytes=0-1"),
            ])
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "AccessDenied")
            #expect(refused.xml("Message") == "There were headers present in the request which were not signed")
            #expect(refused.xml("HeadersNotSigned") == "x-amz-acl, x-amz-meta-note")

            let allowed = try await get([("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), ("Range", "bytes=0-1")])
            #expect(allowed.status == .partialContent)
            #expect(allowed.text == "pr")
        }
    }

    @Test func sigV2HeaderAndPresignedWorkExceptForSSEKMSObjects() async throws {
        try await S3TestHarness.run { _, client in
            #expect(try await client.put("/bucket1/plain", "v2", auth: .sigV2Header).status == .ok)
            #expect(try await client.get("/bucket1/plain", auth: .sigV2Header).text == "v2")
            let presigned = try await client.get("/bucket1/plain", auth: .sigV2Presigned())
            #expect(presigned.status == .ok)
            #expect(presigned.text == "v2")
            let expired = try await client.get(
                "/bucket1/plain", auth: .sigV2Presigned(expires: Date().addingTimeInterval(-10)))
            #expect(expired.errorCode == "AccessDenied")
            let missing = try await client.get("/bucket1/plain", query: "AWSAccessKeyId=x", auth: .anonymous)
            #expect(missing.status == .forbidden)
            #expect(missing.errorCode == "AccessDenied")

            try await client.put("/bucket1/kms", "secret", headers: [("x-amz-server-side-encryption", "aws:kms")])
            for auth: TestAuth in [.sigV2Header, .sigV2Presigned()] {
                let refused = try await client.get("/bucket1/kms", auth: auth)
                #expect(refused.status == .badRequest)
                #expect(refused.errorCode == "InvalidArgument")
                #expect(refused.xml("ArgumentName") == "Authorization")
            }
            let putKMS = try await client.put(
                "/bucket1/kms2", "x", headers: [("x-amz-server-side-encryption", "aws:kms")], auth: .sigV2Header)
            #expect(putKMS.errorCode == "InvalidArgument")
            #expect(try await client.get("/bucket1/kms2").errorCode == "NoSuchKey")
        }
    }

    @Test func anonymousReadOfAPublicSSEKMSObjectNeedsSigV4() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put(
                "/bucket1/kms", "secret",
                headers: [("x-amz-server-side-encryption", "aws:kms"), ("x-amz-acl", "public-read")])
            let response = try await client.get("/bucket1/kms", auth: .anonymous)
            #expect(response.status == .badRequest)
            #expect(
                response.xml("Message")
                    == "Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4."
            )
        }
    }
}
