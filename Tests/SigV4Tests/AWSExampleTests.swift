import Foundation
import Testing

@testable import SigV4

/// Independent oracles: the worked examples published in the AWS documentation.
@Suite("AWS documentation examples")
struct AWSExampleTests {
    /// `GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08` from the SigV4 general reference
    /// (https://docs.aws.amazon.com/general/latest/gr/sigv4_signing.html, archived examples).
    static let iamRequest = SigV4Request(
        method: "GET",
        path: "/",
        query: "Action=ListUsers&Version=2010-05-08",
        headers: [
            ("Host", "iam.amazonaws.com"),
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ("X-Amz-Date", "20150830T123600Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date, "
                    + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
            ),
        ]
    )
    static let iamSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    static func verifier(secret: String, date: String) -> SigV4Verifier {
        let now = AMZDate.parse(date)!
        return SigV4Verifier(region: "us-east-1", secretLookup: { _ in secret }, now: { now })
    }

    @Test("IAM ListUsers example verifies")
    func iamListUsers() throws {
        let authentication = try Self.verifier(secret: Self.iamSecret, date: "20150830T123600Z")
            .verify(Self.iamRequest, service: "iam", bodySHA256: SigV4Verifier.emptyPayloadSHA256)
        #expect(authentication.signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
        #expect(authentication.scope == "20150830/us-east-1/iam/aws4_request")
        #expect(authentication.accessKeyId == "AKIDEXAMPLE")
    }

    @Test("IAM ListUsers example: the string to sign matches the published value")
    func iamIntermediateValues() throws {
        let error = try #require(
            sigV4Error {
                try Self.verifier(secret: "not-the-secret", date: "20150830T123600Z")
                    .verify(Self.iamRequest, service: "iam", bodySHA256: SigV4Verifier.emptyPayloadSHA256)
            }
        )
        #expect(
            error.stringToSign
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
                + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
        )
    }

    @Test("IAM ListUsers example: the wrong body hash fails")
    func iamWrongBody() {
        let error = sigV4Error {
            try Self.verifier(secret: Self.iamSecret, date: "20150830T123600Z")
                .verify(Self.iamRequest, service: "iam", bodySHA256: hexSHA256(Data("x".utf8)))
        }
        #expect(error?.code == .signatureMismatch)
    }

    /// The seed request of the S3 streaming example
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html).
    static let streamingRequest = SigV4Request(
        method: "PUT",
        path: "/examplebucket/chunkObject.txt",
        query: "",
        headers: [
            ("Host", "s3.amazonaws.com"),
            ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                    + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                    + "x-amz-decoded-content-length;x-amz-storage-class,"
                    + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
            ),
            ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"),
            ("Content-Length", "66824"),
        ]
    )
    static let streamingSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    @Test("S3 streaming example: the seed signature verifies")
    func streamingSeed() throws {
        let authentication = try Self.verifier(secret: Self.streamingSecret, date: "20130524T000000Z")
            .verify(Self.streamingRequest, service: "s3", bodySHA256: nil)
        #expect(authentication.signature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
        #expect(authentication.payloadHash == SigV4Verifier.streamingSignedPayload)
        #expect(!authentication.payloadHashIsHexDigest)
    }
}
