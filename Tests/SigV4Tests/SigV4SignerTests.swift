import Foundation
import Testing

@testable import SigV4

/// The public signer reproduces botocore's signatures and round-trips through the verifier.
@Suite("signer")
struct SigV4SignerTests {
    static let headerFixtures = SigV4Fixture.all.filter {
        !$0.isPresigned && $0.request.headerValue(named: "x-amz-date") != nil
    }

    /// The fixture's request as it was before botocore signed it: only the headers botocore signed, minus its own.
    static func unsigned(_ fixture: SigV4Fixture) -> SigV4Request {
        let lines = fixture.expectedCanonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        let signed = Set(lines[lines.count - 2].split(separator: ";").map(String.init))
        var request = fixture.request
        request.headers.removeAll { !signed.contains($0.name.lowercased()) || $0.name.lowercased() == "x-amz-date" }
        return request
    }

    @Test("header signing reproduces botocore", arguments: Self.headerFixtures)
    func matchesBotocore(_ fixture: SigV4Fixture) throws {
        let signer = SigV4Signer(
            accessKeyId: fixture.accessKeyId,
            secretAccessKey: fixture.secretAccessKey,
            region: fixture.region,
            service: fixture.service
        )
        let lines = fixture.expectedCanonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        let signed = signer.sign(
            Self.unsigned(fixture),
            payloadHash: String(lines.last!),
            addContentSHA256Header: false,
            date: fixture.date
        )
        let authorization = try #require(signed.headerValue(named: "authorization"))
        #expect(authorization.hasSuffix("Signature=\(fixture.expectedSignature)"))
        _ = try fixture.verifier().verify(signed, service: fixture.service, bodySHA256: fixture.bodySHA256)
    }

    @Test("presigning reproduces botocore for a URL without extra signed headers")
    func presignMatchesBotocore() throws {
        let fixture = try #require(SigV4Fixture.all.first { $0.name == "s3-presigned-get" })
        let parts = fixture.query.split(separator: "&")
        let original = parts.filter { !$0.hasPrefix("X-Amz-") }.joined(separator: "&")
        var request = fixture.request
        request.query = original
        let signer = SigV4Signer(
            accessKeyId: fixture.accessKeyId, secretAccessKey: fixture.secretAccessKey, region: "us-east-1",
            service: "s3")
        let presigned = signer.presign(request, expires: 3600, date: fixture.date)
        #expect(presigned.query == fixture.query)
        _ = try fixture.verifier().verify(presigned, service: "s3", bodySHA256: nil)
    }

    @Test("signed requests verify; KMS style without x-amz-content-sha256")
    func roundTrip() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let verifier = SigV4Verifier(region: "eu-west-1", secretLookup: { $0 == "AK" ? "SK" : nil }, now: { now })
        let body = Data(#"{"KeyId":"alias/x"}"#.utf8)
        let kms = SigV4Signer(accessKeyId: "AK", secretAccessKey: "SK", region: "eu-west-1", service: "kms")
        let request = SigV4Request(
            method: "POST",
            path: "/",
            query: "",
            headers: [
                ("Host", "localhost"), ("X-Amz-Target", "TrentService.Encrypt"),
                ("Content-Type", "application/x-amz-json-1.1"), ("User-Agent", "test"),
            ]
        )
        let signed = kms.sign(request, payloadHash: hexSHA256(body), addContentSHA256Header: false, date: now)
        let authentication = try verifier.verify(signed, service: "kms", bodySHA256: hexSHA256(body))
        #expect(authentication.signedHeaders == ["content-type", "host", "x-amz-date", "x-amz-target"])
        #expect(
            sigV4Error { try verifier.verify(signed, service: "kms", bodySHA256: hexSHA256(Data())) }?.code
                == .signatureMismatch)

        let s3 = SigV4Signer(accessKeyId: "AK", secretAccessKey: "SK", region: "eu-west-1", service: "s3")
        let get = SigV4Request(
            method: "GET", path: "/b/a%20b/ü", query: "prefix=x%20y&list-type=2", headers: [("host", "localhost:9000")])
        _ = try verifier.verify(s3.sign(get, date: now), service: "s3", bodySHA256: nil)
        let presigned = s3.presign(get, expires: 60, date: now)
        #expect(try verifier.verify(presigned, service: "s3", bodySHA256: nil).isPresigned)
    }
}
