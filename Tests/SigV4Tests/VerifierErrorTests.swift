import Foundation
import Testing

@testable import SigV4

/// Authentication failures other than a bad signature: each gets its own code and a clear message.
@Suite("verifier errors")
struct VerifierErrorTests {
    static let fixture = SigV4Fixture.all.first { $0.name == "kms-encrypt" }!
    static let presigned = SigV4Fixture.all.first { $0.name == "s3-presigned-get" }!

    private func error(
        _ request: SigV4Request,
        fixture: SigV4Fixture = Self.fixture,
        verifier: SigV4Verifier? = nil,
        service: String? = nil
    ) -> SigV4Error? {
        sigV4Error {
            try (verifier ?? fixture.verifier()).verify(
                request, service: service ?? fixture.service, bodySHA256: fixture.bodySHA256)
        }
    }

    private func withAuthorization(_ value: String) -> SigV4Request {
        Self.fixture.request.replacingHeader("authorization") { _ in value }
    }

    @Test("no authentication at all")
    func missing() {
        let request = Self.fixture.request.removingHeader("authorization")
        #expect(!request.hasAuthentication)
        #expect(request.authenticationScheme == .none)
        #expect(self.error(request)?.code == .missingAuthentication)
    }

    @Test("authentication schemes are recognised")
    func schemes() {
        #expect(Self.fixture.request.authenticationScheme == .sigV4Header)
        #expect(Self.presigned.request.authenticationScheme == .sigV4Query)
        #expect(self.withAuthorization("AWS AKID:c2lnbmF0dXJl").authenticationScheme == .sigV2Header)
        #expect(self.withAuthorization("Bearer token").authenticationScheme == .unknown)
        #expect(self.withAuthorization("Bearer token").hasAuthentication)
        let sigV2Query = SigV4Request(
            method: "GET", path: "/b/k", query: "AWSAccessKeyId=A&Expires=1&Signature=x", headers: [])
        #expect(sigV2Query.authenticationScheme == .sigV2Query)
        #expect(sigV2Query.hasAuthentication)
        let plain = SigV4Request(method: "GET", path: "/b/k", query: "versionId=1", headers: [("Host", "h")])
        #expect(!plain.hasAuthentication)
    }

    @Test(
        "an unknown algorithm is unsupported",
        arguments: ["Bearer abc", "AWS4-HMAC-SHA512 Credential=x", "AWS AKID:sig"])
    func unsupported(authorization: String) {
        let error = self.error(self.withAuthorization(authorization))
        #expect(error?.code == .unsupportedAlgorithm)
        #expect(error?.message.contains("abc") == false)  // never echo credentials
    }

    @Test("an unknown presigned algorithm is unsupported")
    func unsupportedPresigned() {
        var request = Self.presigned.request
        request.query = request.query.replacingOccurrences(of: "AWS4-HMAC-SHA256", with: "AWS4-ECDSA-P256-SHA256")
        #expect(self.error(request, fixture: Self.presigned)?.code == .unsupportedAlgorithm)
    }

    static let algorithm = "AWS4-HMAC-SHA256"
    static let akid = "AKIDCOFFERTEST000001"
    static let credential = "Credential=\(akid)/20240515/us-east-1/kms/aws4_request"
    static let malformedAuthorizations: [String] = [
        algorithm,
        "\(algorithm) ",
        "\(algorithm) \(credential)",
        "\(algorithm) \(credential), SignedHeaders=host",
        "\(algorithm) SignedHeaders=host, Signature=abc",
        "\(algorithm) \(credential), SignedHeaders=host, Signature=",
        "\(algorithm) Credential=\(akid)/20240515/us-east-1/kms, SignedHeaders=host, Signature=abc",
        "\(algorithm) Credential=\(akid)/2024051/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=abc",
        "\(algorithm) Credential=/20240515/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=abc",
        "\(algorithm) Credential=\(akid)/20240515/us-east-1/kms/aws5_request, SignedHeaders=host, Signature=abc",
        "\(algorithm) \(credential) SignedHeaders=host Signature=abc",
        "\(algorithm) \(credential), SignedHeaders=host, Signature=a, Signature=b",
        "\(algorithm) \(credential), SignedHeaders=host, Signature=a, Extra=b",
        "\(algorithm) \(credential), SignedHeaders=host;;x-amz-date, Signature=a",
        "\(algorithm) \(credential), SignedHeaders=x-amz-date, Signature=a",
        "\(algorithm) Credential=\(akid)/20240514/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=a",
    ]

    @Test("malformed Authorization headers", arguments: Self.malformedAuthorizations)
    func malformed(authorization: String) {
        let error = self.error(self.withAuthorization(authorization))
        #expect(error?.code == .malformed, "\(error?.message ?? "no error")")
        #expect(error?.message.isEmpty == false)
    }

    @Test("commas with or without spaces both parse")
    func commaSpacing() throws {
        let original = try #require(Self.fixture.request.headerValues(named: "authorization").first)
        let compact = original.replacingOccurrences(of: ", ", with: ",")
        #expect(compact != original)
        _ = try Self.fixture.verifier().verify(
            self.withAuthorization(compact), service: "kms", bodySHA256: Self.fixture.bodySHA256)
        let spacious = original.replacingOccurrences(of: ", ", with: " ,   ")
        _ = try Self.fixture.verifier().verify(
            self.withAuthorization(spacious), service: "kms", bodySHA256: Self.fixture.bodySHA256)
    }

    @Test("host must be signed")
    func hostNotSigned() throws {
        let original = try #require(Self.fixture.request.headerValues(named: "authorization").first)
        let withoutHost = original.replacingOccurrences(of: "content-type;host;", with: "content-type;")
        #expect(withoutHost != original)
        let error = self.error(self.withAuthorization(withoutHost))
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("host") == true)

        var presigned = Self.presigned.request
        presigned.query = presigned.query.replacingOccurrences(
            of: "X-Amz-SignedHeaders=host", with: "X-Amz-SignedHeaders=x-amz-date")
        #expect(self.error(presigned, fixture: Self.presigned)?.code == .malformed)
    }

    @Test("unknown access key")
    func unknownAccessKey() {
        let verifier = SigV4Verifier(region: "us-east-1", secretLookup: { _ in nil }, now: { Self.fixture.date })
        let error = self.error(Self.fixture.request, verifier: verifier)
        #expect(error?.code == .unknownAccessKey)
        #expect(error?.accessKeyId == Self.fixture.accessKeyId)
        #expect(error?.message == "The AWS Access Key Id you provided does not exist in our records.")
    }

    @Test("wrong region")
    func wrongRegion() {
        let verifier = SigV4Verifier(
            region: "eu-west-1", secretLookup: { _ in Self.fixture.secretAccessKey }, now: { Self.fixture.date })
        let error = self.error(Self.fixture.request, verifier: verifier)
        #expect(error?.code == .wrongRegion)
        #expect(error?.expectedRegion == "eu-west-1")
        #expect(
            error?.message
                == "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'")
    }

    @Test("service mismatch is malformed; nil accepts any service")
    func serviceMismatch() throws {
        let error = self.error(Self.fixture.request, service: "s3")
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("'s3'") == true)
        _ = try Self.fixture.verifier().verify(Self.fixture.request, service: nil, bodySHA256: Self.fixture.bodySHA256)
    }

    @Test("header auth without x-amz-content-sha256 needs the caller's body hash")
    func missingPayloadHash() {
        let error = sigV4Error {
            try Self.fixture.verifier().verify(Self.fixture.request, service: "kms", bodySHA256: nil)
        }
        #expect(error?.code == .malformed)
        #expect(error?.message == "Missing required header for this request: x-amz-content-sha256")
    }

    @Test("the body hash decides for KMS")
    func wrongBodyHash() {
        let error = sigV4Error {
            try Self.fixture.verifier().verify(
                Self.fixture.request, service: "kms", bodySHA256: SigV4Verifier.emptyPayloadSHA256)
        }
        #expect(error?.code == .signatureMismatch)
    }

    @Test("timestamps: missing, unparsable or repeated X-Amz-Date is malformed")
    func badTimestamps() {
        let request = Self.fixture.request
        #expect(self.error(request.removingHeader("x-amz-date"))?.code == .malformed)
        #expect(self.error(request.replacingHeader("x-amz-date") { _ in "2024-05-15T12:34:56Z" })?.code == .malformed)
        #expect(self.error(request.replacingHeader("x-amz-date") { _ in "20241315T123456Z" })?.code == .malformed)
        #expect(self.error(request.addingHeader("X-Amz-Date", "20240515T123456Z"))?.code == .malformed)
    }

    @Test("two Authorization headers are malformed")
    func twoAuthorizations() throws {
        let authorization = try #require(Self.fixture.request.headerValues(named: "authorization").first)
        #expect(self.error(Self.fixture.request.addingHeader("authorization", authorization))?.code == .malformed)
    }

    @Test(
        "presigned: each required parameter is required",
        arguments: [
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Signature",
        ])
    func presignedMissingParameter(name: String) {
        var request = Self.presigned.request
        request.query = request.query.split(separator: "&").filter { !$0.hasPrefix("\(name)=") }.joined(separator: "&")
        let error = self.error(request, fixture: Self.presigned)
        #expect(error?.code == .malformed)
        #expect(error?.message.hasPrefix("Query-string authentication version 4 requires") == true)
    }

    @Test("presigned: a repeated auth parameter is malformed")
    func presignedRepeated() {
        var request = Self.presigned.request
        request.query += "&X-Amz-Date=20240515T123456Z"
        #expect(self.error(request, fixture: Self.presigned)?.code == .malformed)
    }

    @Test("presigned: a bad credential is malformed with AWS's message")
    func presignedBadCredential() {
        var request = Self.presigned.request
        request.query = request.query.replacingOccurrences(of: "%2Fs3%2Faws4_request", with: "%2Fs3")
        let error = self.error(request, fixture: Self.presigned)
        #expect(error?.code == .malformed)
        #expect(error?.message.hasPrefix("Error parsing the X-Amz-Credential parameter") == true)
    }

    @Test("errors never contain the secret")
    func noSecretInErrors() {
        let request = Self.fixture.request.replacingHeader("authorization") { $0.flippingLastCharacter }
        let error = self.error(request)
        #expect(error?.code == .signatureMismatch)
        for text in [error?.message, error?.stringToSign, error?.canonicalRequest, error.map { "\($0)" }] {
            #expect(text?.contains(Self.fixture.secretAccessKey) != true)
        }
    }
}
