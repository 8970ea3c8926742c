import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Expect: 100-continue over real sockets", .timeLimit(.minutes(3)))
struct ExpectContinueTests {
    @Test("a signed KMS request gets 100 Continue before its body is sent")
    func continueBeforeBody() async throws {
        try await TestServer.run(.live) { kms in
            let port = try #require(kms.client.port)
            let body = #"{"NumberOfBytes":16}"#
            let headers = kms.signer.kmsHeaders(target: "TrentService.GenerateRandom", body: Array(body.utf8))
            var head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n"
            head += "Expect: 100-continue\r\n"
            for field in headers { head += "\(field.name.rawName): \(field.value)\r\n" }
            head += "\r\n"
            let received = try await RawConnection.with(port: port) { connection in
                try await connection.send(head)
                // Given only the head was sent, when the server answers, then it is 100 Continue.
                let interim = try await connection.read(until: "\r\n\r\n")
                #expect(interim.hasPrefix("HTTP/1.1 100 Continue\r\n"))
                try await connection.send(body)
                return try await connection.read(until: "Plaintext")
            }
            #expect(received.contains("HTTP/1.1 200 OK"))
        }
    }

    @Test("a request refused before its body gets the final answer at once and the connection closes")
    func refusedWithoutContinue() async throws {
        try await TestServer.run(.live) { kms in
            let port = try #require(kms.client.port)
            let head =
                "PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n"
            let received = try await RawConnection.with(port: port) { connection in
                try await connection.send(head)
                return try await connection.readToEnd()
            }
            // Unauthenticated: the S3 layer refuses it (403) before reading the body.
            #expect(received.hasPrefix("HTTP/1.1 4"))
            #expect(!received.contains("100 Continue"))
            #expect(received.lowercased().contains("connection: close"))
        }
    }

    @Test("KMS round trip over a live connection")
    func liveRoundTrip() async throws {
        try await TestServer.run(.live) { kms in
            let keyId = try await kms.createKey()
            let dataKey = try await kms.call("GenerateDataKey", ["KeyId": keyId, "KeySpec": "AES_256"])
            #expect(dataKey.status == .ok)
            let decrypted = try await kms.call("Decrypt", ["CiphertextBlob": dataKey["CiphertextBlob"] ?? ""])
            #expect(decrypted["Plaintext"] == dataKey["Plaintext"])
        }
    }
}
