import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
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
