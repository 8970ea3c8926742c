import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SigV4
import Testing

@Suite("KMS API: SigV4 authentication errors")
struct KMSAuthenticationTests {
    @Test("an unknown access key is an UnrecognizedClientException")
    func unknownAccessKey() async throws {
        try await TestServer.run { kms in
            var signer = kms.signer
            signer.accessKeyId = "AKIDUNKNOWN"
            let answer = try await kms.call("ListKeys", signer: signer)
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "UnrecognizedClientException")
            #expect(answer.message == "The security token included in the request is invalid.")
            #expect(try await kms.call("ListKeys").status == .ok)
        }
    }

    @Test("a wrong secret is an InvalidSignatureException")
    func badSignature() async throws {
        try await TestServer.run { kms in
            var signer = kms.signer
            signer.secretAccessKey = "not-the-secret"
            let answer = try await kms.call("ListKeys", signer: signer)
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "InvalidSignatureException")
            #expect(
                answer.message
                    == "The request signature we calculated does not match the signature you provided. Check your AWS "
                    + "Secret Access Key and signing method. Consult the service documentation for details."
            )
            #expect(try await kms.call("ListKeys").status == .ok)
        }
    }

    @Test("a body changed after signing is an InvalidSignatureException")
    func tamperedBody() async throws {
        try await TestServer.run { kms in
            let headers = kms.signer.kmsHeaders(
                target: "TrentService.GenerateRandom", body: Array(#"{"NumberOfBytes":8}"#.utf8))
            let response = try await kms.client.execute(
                uri: "/", method: .post, headers: headers, body: .init(string: #"{"NumberOfBytes":9}"#)
            )
            #expect(KMSTestClient.answer(response).errorType == "InvalidSignatureException")
        }
    }

    @Test("a clock skewed by 20 minutes is refused as expired")
    func skewedClock() async throws {
        try await TestServer.run { kms in
            var signer = kms.signer
            signer.date = Date().addingTimeInterval(-20 * 60)
            let answer = try await kms.call("ListKeys", signer: signer)
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "InvalidSignatureException")
            #expect(answer.message?.hasPrefix("Signature expired: ") == true)
        }
    }

    @Test("a request without authentication is a MissingAuthenticationTokenException")
    func missingAuthentication() async throws {
        try await TestServer.run { kms in
            let answer = try await kms.send(target: "TrentService.ListKeys", body: Array("{}".utf8), signer: nil)
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "MissingAuthenticationTokenException")
            #expect(answer.message == "Missing Authentication Token")
        }
    }

    @Test("a credential scoped to another region is refused")
    func wrongRegion() async throws {
        try await TestServer.run { kms in
            var signer = kms.signer
            signer.region = "eu-west-1"
            let answer = try await kms.call("ListKeys", signer: signer)
            #expect(answer.errorType == "InvalidSignatureException")
        }
    }

    @Test("a credential scoped to another service is an IncompleteSignatureException")
    func wrongService() async throws {
        try await TestServer.run { kms in
            var signer = kms.signer
            signer.service = "s3"
            let answer = try await kms.call("ListKeys", signer: signer)
            #expect(answer.errorType == "IncompleteSignatureException")
        }
    }

    @Test("credentials from the configuration replace the defaults")
    func configuredCredentials() async throws {
        try await TestServer.run(
            .router,
            configure: {
                $0.accessKeyId = "AKIDCONFIGURED"
                $0.secretAccessKey = "configured-secret"
            },
            { kms in
                let refused = try await kms.call("ListKeys")
                #expect(refused.errorType == "UnrecognizedClientException")
                var signer = kms.signer
                signer.accessKeyId = "AKIDCONFIGURED"
                signer.secretAccessKey = "configured-secret"
                let accepted = try await kms.call("ListKeys", signer: signer)
                #expect(accepted.status == .ok)
            })
    }
}

/// KMS signs the body it received, as AWS KMS: no payload literals, no other body's hash, no presigned URLs.
@Suite("KMS API: the signature binds the body")
struct KMSSignedBodyTests {
    static let target = "TrentService.GenerateRandom"
    static let body = Array(#"{"NumberOfBytes":8}"#.utf8)
    static let signer = SigV4Signer(
        accessKeyId: TestSigner().accessKeyId, secretAccessKey: TestSigner().secretAccessKey, region: "us-east-1",
        service: "kms")

    /// The headers of `POST /` for `target`, signed by the root with `payloadHash` sent as `x-amz-content-sha256`.
    static func signed(_ target: String = target, payloadHash: String) -> HTTPFields {
        let request = SigV4Request(
            method: "POST", path: "/", query: "",
            headers: [("host", "localhost"), ("content-type", "application/x-amz-json-1.1"), ("x-amz-target", target)])
        var fields = HTTPFields()
        for (name, value) in signer.sign(request, payloadHash: payloadHash).headers where name != "host" {
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
        }
        return fields
    }

    static func send(_ kms: KMSTestClient, _ headers: HTTPFields, body: [UInt8] = body, uri: String = "/")
        async throws -> KMSTestClient.Answer
    {
        KMSTestClient.answer(
            try await kms.client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body)))
    }

    /// A request signed with a payload literal is refused whatever its body, so it cannot be replayed with another.
    @Test(arguments: [
        "UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
    ])
    func payloadLiteralsAreRefused(_ literal: String) async throws {
        try await TestServer.run { kms in
            let answer = try await Self.send(kms, Self.signed(payloadHash: literal))
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "InvalidSignatureException")
            #expect(answer.message?.contains("SHA-256 of the request body") == true, "\(answer.message ?? "")")
        }
    }

    /// The attack of issue #11: a captured, validly signed Decrypt replayed with another ciphertext.
    @Test func aCapturedDecryptReplayedWithAnotherBodyIsRefused() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let mine = try #require(
                try await kms.call("Encrypt", ["KeyId": keyId, "Plaintext": "bWluZQ=="])["CiphertextBlob"])
            let theirs = try #require(
                try await kms.call("Encrypt", ["KeyId": keyId, "Plaintext": "dGhlaXJz"])["CiphertextBlob"])
            let captured = Array(#"{"CiphertextBlob":"\#(mine)"}"#.utf8)
            let replayed = Array(#"{"CiphertextBlob":"\#(theirs)"}"#.utf8)
            for payloadHash in [hexSHA256(captured), SigV4Verifier.unsignedPayload] {
                let headers = Self.signed("TrentService.Decrypt", payloadHash: payloadHash)
                let answer = try await Self.send(kms, headers, body: replayed)
                #expect(answer.status == .badRequest)
                #expect(answer.errorType == "InvalidSignatureException")
                #expect(answer["Plaintext"] == nil)
            }
            // The captured request itself still decrypts.
            let headers = Self.signed("TrentService.Decrypt", payloadHash: hexSHA256(captured))
            let answer = try await Self.send(kms, headers, body: captured)
            #expect(answer.status == .ok)
            #expect(answer["Plaintext"] == "bWluZQ==")
        }
    }

    /// A declared hash is accepted when it is the body's, in either case of hex digits.
    @Test func theBodysOwnHashMayBeDeclared() async throws {
        try await TestServer.run { kms in
            for payloadHash in [hexSHA256(Self.body), hexSHA256(Self.body).uppercased()] {
                let answer = try await Self.send(kms, Self.signed(payloadHash: payloadHash))
                #expect(answer.status == .ok, "\(answer.json)")
            }
            let other = try await Self.send(kms, Self.signed(payloadHash: hexSHA256(Array("{}".utf8))))
            #expect(other.errorType == "InvalidSignatureException")
            #expect(other.message == "The provided 'x-amz-content-sha256' header does not match what was computed.")
        }
    }

    /// KMS takes no query-string authentication, as AWS KMS.
    @Test func presignedRequestsAreRefused() async throws {
        try await TestServer.run { kms in
            let presigned = Self.signer.presign(
                SigV4Request(method: "POST", path: "/", query: "", headers: [("host", "localhost")]), expires: 300)
            let headers: HTTPFields = [
                HTTPField.Name("X-Amz-Target")!: Self.target, .contentType: "application/x-amz-json-1.1",
            ]
            let answer = try await Self.send(kms, headers, uri: "/?" + presigned.query)
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "IncompleteSignatureException")
            #expect(answer.message?.contains("presigned") == true, "\(answer.message ?? "")")
        }
    }
}
