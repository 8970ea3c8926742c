import Foundation
import Testing

@testable import SigV4

/// Every request signed by botocore (Fixtures/generate.py) verifies, and any tampering fails.
@Suite("botocore vectors")
struct BotocoreVectorTests {
    @Test("fixtures are present")
    func fixturesArePresent() {
        #expect(SigV4Fixture.all.count >= 19)
        #expect(SigV4Fixture.all.contains { $0.isPresigned })
        #expect(SigV4Fixture.all.contains { $0.service == "kms" })
    }

    @Test("verifies", arguments: SigV4Fixture.all)
    func verifies(_ fixture: SigV4Fixture) throws {
        let authentication = try fixture.verifier().verify(
            fixture.request,
            service: fixture.service,
            bodySHA256: fixture.bodySHA256
        )
        #expect(authentication.signature == fixture.expectedSignature)
        #expect(authentication.accessKeyId == fixture.accessKeyId)
        #expect(authentication.region == fixture.region)
        #expect(authentication.service == fixture.service)
        #expect(authentication.isPresigned == fixture.isPresigned)
        #expect(authentication.amzDate == fixture.now)
        #expect(authentication.requestDate == fixture.date)
        #expect(authentication.scope == "\(fixture.now.prefix(8))/\(fixture.region)/\(fixture.service)/aws4_request")
        let canonicalLines = fixture.expectedCanonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(authentication.payloadHash == String(canonicalLines.last!))
        #expect(authentication.signedHeaders.joined(separator: ";") == String(canonicalLines[canonicalLines.count - 2]))
    }

    /// The mismatch error carries our canonical request and string to sign; they must equal botocore's.
    @Test("canonical request and string to sign equal botocore's", arguments: SigV4Fixture.all)
    func canonicalRequestMatchesBotocore(_ fixture: SigV4Fixture) throws {
        let error = try #require(
            sigV4Error {
                try fixture.verifier(secret: "wrong-secret").verify(
                    fixture.request,
                    service: fixture.service,
                    bodySHA256: fixture.bodySHA256
                )
            }
        )
        #expect(error.code == .signatureMismatch)
        #expect(error.canonicalRequest == fixture.expectedCanonicalRequest)
        #expect(error.stringToSign == fixture.expectedStringToSign)
        #expect(error.accessKeyId == fixture.accessKeyId)
        #expect(error.signatureProvided == fixture.expectedSignature)
    }

    @Test("a flipped signature character fails", arguments: SigV4Fixture.all)
    func flippedSignature(_ fixture: SigV4Fixture) throws {
        var request = fixture.request
        if fixture.isPresigned {
            request.query = request.query.flippingLastCharacter  // X-Amz-Signature is last
            #expect(request.query.contains("X-Amz-Signature=\(fixture.expectedSignature.flippingLastCharacter)"))
        } else {
            request = request.replacingHeader("authorization") { $0.flippingLastCharacter }
        }
        try expectMismatch(fixture, request)
    }

    @Test("a signed header value changed fails", arguments: SigV4Fixture.all)
    func changedSignedHeader(_ fixture: SigV4Fixture) throws {
        let canonicalLines = fixture.expectedCanonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        let signed = canonicalLines[canonicalLines.count - 2].split(separator: ";").map(String.init)
        let target = try #require(signed.first { $0 != "x-amz-date" && $0 != "date" })
        try expectMismatch(fixture, fixture.request.replacingHeader(target) { $0 + "x" })
    }

    @Test("a query value changed, or a parameter added, fails", arguments: SigV4Fixture.all)
    func changedQuery(_ fixture: SigV4Fixture) throws {
        var request = fixture.request
        var parts = request.query.split(separator: "&").map(String.init)
        if let index = parts.firstIndex(where: {
            !$0.lowercased().hasPrefix("x-amz-") && $0.contains("=") && !$0.hasSuffix("=")
        }) {
            parts[index] = parts[index].flippingLastCharacter
            request.query = parts.joined(separator: "&")
        } else {
            request.query += request.query.isEmpty ? "extra=1" : "&extra=1"
        }
        try expectMismatch(fixture, request)
    }

    @Test("the wrong secret fails", arguments: SigV4Fixture.all)
    func wrongSecret(_ fixture: SigV4Fixture) throws {
        let error = sigV4Error {
            try fixture.verifier(secret: fixture.secretAccessKey.flippingLastCharacter).verify(
                fixture.request,
                service: fixture.service,
                bodySHA256: fixture.bodySHA256
            )
        }
        #expect(error?.code == .signatureMismatch)
    }

    @Test("a different method fails", arguments: SigV4Fixture.all)
    func changedMethod(_ fixture: SigV4Fixture) throws {
        var request = fixture.request
        request.method = fixture.method == "GET" ? "DELETE" : "GET"
        try expectMismatch(fixture, request)
    }

    @Test("a different path fails", arguments: SigV4Fixture.all)
    func changedPath(_ fixture: SigV4Fixture) throws {
        var request = fixture.request
        request.path += "x"
        try expectMismatch(fixture, request)
    }

    private func expectMismatch(
        _ fixture: SigV4Fixture,
        _ request: SigV4Request,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let error = sigV4Error(sourceLocation: sourceLocation) {
            try fixture.verifier().verify(request, service: fixture.service, bodySHA256: fixture.bodySHA256)
        }
        #expect(error?.code == .signatureMismatch, sourceLocation: sourceLocation)
        #expect(error?.canonicalRequest != nil, sourceLocation: sourceLocation)
    }
}
