import Foundation
import Testing

@testable import SigV4

/// SigV2 header and presigned verification against botocore's HmacV1Auth / HmacV1QueryAuth.
@Suite("SigV2")
struct SigV2VerifierTests {
    static func verifier(_ fixture: SigV2Fixture, offset: TimeInterval = 0, secret: String? = nil) -> SigV2Verifier {
        let now = Date(timeIntervalSince1970: TimeInterval(fixture.now) + offset)
        let secret = secret ?? fixture.secretAccessKey
        let accessKeyId = fixture.accessKeyId
        return SigV2Verifier(secretLookup: { $0 == accessKeyId ? secret : nil }, now: { now })
    }

    @Test("fixtures are present")
    func fixturesArePresent() {
        #expect(SigV2Fixture.all.count == 4)
        #expect(SigV2Fixture.all.filter(\.isPresigned).count == 2)
    }

    @Test("verifies", arguments: SigV2Fixture.all)
    func verifies(_ fixture: SigV2Fixture) throws {
        #expect(fixture.request.authenticationScheme == (fixture.isPresigned ? .sigV2Query : .sigV2Header))
        let authentication = try Self.verifier(fixture).verify(fixture.request)
        #expect(authentication.accessKeyId == fixture.accessKeyId)
        #expect(authentication.isPresigned == fixture.isPresigned)
        #expect(authentication.stringToSign == fixture.expectedStringToSign)
        #expect(authentication.signature == fixture.expectedSignature.removingPercentEncoding)
    }

    @Test("the wrong secret fails with botocore's string to sign", arguments: SigV2Fixture.all)
    func wrongSecret(_ fixture: SigV2Fixture) {
        let error = sigV4Error { try Self.verifier(fixture, secret: "wrong").verify(fixture.request) }
        #expect(error?.code == .signatureMismatch)
        #expect(error?.stringToSign == fixture.expectedStringToSign)
        #expect(error?.accessKeyId == fixture.accessKeyId)
    }

    @Test("a changed method, path, sub-resource or amz header fails", arguments: SigV2Fixture.all)
    func tampering(_ fixture: SigV2Fixture) {
        var method = fixture.request
        method.method = "DELETE"
        var path = fixture.request
        path.path += "x"
        var subresource = fixture.request
        subresource.query += "&versionId=other"
        let amzHeader = fixture.request.addingHeader("x-amz-meta-extra", "1")
        for request in [method, path, subresource, amzHeader] {
            #expect(sigV4Error { try Self.verifier(fixture).verify(request) }?.code == .signatureMismatch)
        }
    }

    @Test("header auth: skew is refused")
    func headerSkew() throws {
        let fixture = try #require(SigV2Fixture.all.first { !$0.isPresigned })
        _ = try Self.verifier(fixture, offset: 899).verify(fixture.request)
        #expect(sigV4Error { try Self.verifier(fixture, offset: 901).verify(fixture.request) }?.code == .clockSkewed)
        #expect(sigV4Error { try Self.verifier(fixture, offset: -901).verify(fixture.request) }?.code == .clockSkewed)
    }

    @Test("presigned: valid until Expires")
    func presignedExpiry() throws {
        let fixture = try #require(SigV2Fixture.all.first { $0.isPresigned })
        _ = try Self.verifier(fixture, offset: 3600).verify(fixture.request)
        let error = sigV4Error { try Self.verifier(fixture, offset: 3601).verify(fixture.request) }
        #expect(error?.code == .requestExpired)
        #expect(error?.message == "Request has expired")
    }

    @Test("presigned: a missing parameter is malformed", arguments: ["AWSAccessKeyId", "Signature", "Expires"])
    func presignedMissing(name: String) throws {
        let fixture = try #require(SigV2Fixture.all.first { $0.isPresigned })
        var request = fixture.request
        request.query = request.query.split(separator: "&").filter { !$0.hasPrefix("\(name)=") }.joined(separator: "&")
        let error = sigV4Error { try Self.verifier(fixture).verify(request) }
        #expect(error?.code == .malformed)
    }

    @Test("unknown access key, malformed header, SigV4 requests")
    func otherErrors() throws {
        let fixture = try #require(SigV2Fixture.all.first { !$0.isPresigned })
        let unknown = SigV2Verifier(
            secretLookup: { _ in nil }, now: { Date(timeIntervalSince1970: TimeInterval(fixture.now)) })
        #expect(sigV4Error { try unknown.verify(fixture.request) }?.code == .unknownAccessKey)
        for authorization in ["AWS ", "AWS nocolon", "AWS :sig", "AWS akid:"] {
            let request = fixture.request.replacingHeader("authorization") { _ in authorization }
            #expect(sigV4Error { try Self.verifier(fixture).verify(request) }?.code == .malformed, "\(authorization)")
        }
        let noDate = fixture.request.removingHeader("date")
        #expect(sigV4Error { try Self.verifier(fixture).verify(noDate) }?.code == .malformed)
        let sigV4 = try #require(SigV4Fixture.all.first)
        #expect(sigV4Error { try Self.verifier(fixture).verify(sigV4.request) }?.code == .unsupportedAlgorithm)
        let none = SigV4Request(method: "GET", path: "/", query: "", headers: [])
        #expect(sigV4Error { try Self.verifier(fixture).verify(none) }?.code == .missingAuthentication)
    }

    @Test("the SigV4 verifier refuses SigV2 requests as unsupported")
    func sigV4RefusesSigV2() throws {
        let fixture = try #require(SigV2Fixture.all.first)
        let verifier = SigV4Verifier(region: "us-east-1", secretLookup: { _ in "x" })
        let error = sigV4Error { try verifier.verify(fixture.request, service: "s3", bodySHA256: nil) }
        #expect(error?.code == .unsupportedAlgorithm)
    }

    @Test("canonical resource keeps only sub-resources, sorted, valueless ones bare")
    func canonicalResource() {
        let query = QueryParameter.parse("versionId=v%201&foo=bar&uploads&acl=&partNumber=2")
        #expect(
            SigV2Verifier.canonicalResource(path: "/b/k", query: query)
                == "/b/k?acl=&partNumber=2&uploads&versionId=v 1")
        #expect(SigV2Verifier.canonicalResource(path: "/b/k", query: []) == "/b/k")
    }
}
