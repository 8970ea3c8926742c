import Foundation
import HTTPTypes
import NIOCore
import S3BlobClient
import SigV4
import Testing

/// Retries, timeouts, body limits and signing, against a scripted server that fails on cue.
@Suite("S3BlobClient retries and limits")
struct S3BlobClientRetryTests {
    /// Runs `body` with a client of a scripted server answering `answers`.
    private func withScript(
        _ answers: [ScriptedS3Server.Answer], timeout: TimeAmount = .seconds(10), maxAttempts: Int = 3,
        _ body: @Sendable (S3BlobClient, ScriptedS3Server) async throws -> Void
    ) async throws {
        try await ScriptedS3Server.run(answers) { endpoint, server in
            try await S3Backend.withHTTPClient { httpClient in
                let client = S3BlobClient(
                    endpoint: endpoint, bucket: "scripted", prefix: "p", region: "us-east-1",
                    accessKeyId: "AKIDSCRIPTED", secretAccessKey: "scripted-secret", httpClient: httpClient,
                    timeout: timeout, maxAttempts: maxAttempts)
                try await body(client, server)
            }
        }
    }

    @Test("a GET is retried through two 503s and returns the third answer")
    func retriedThrough503() async throws {
        try await withScript([
            .error(.serviceUnavailable, code: "SlowDown"), .error(.serviceUnavailable, code: "SlowDown"),
            .init(status: .ok, body: "hello"),
        ]) { client, server in
            let object = try #require(try await client.get(key: "k"))
            #expect(String(decoding: object.bytes, as: UTF8.self) == "hello")
            #expect(server.seen.count == 3)
        }
    }

    @Test("an idempotent call gives up after three attempts with the last error")
    func givesUpAfterThree() async throws {
        try await withScript([.error(.internalServerError, code: "InternalError")]) { client, server in
            await #expect(throws: S3BlobClientError.service(status: 500, code: "InternalError", message: "scripted")) {
                try await client.put(key: "k", body: ByteBuffer(string: "x"))
            }
            #expect(server.seen.count == 3)
        }
    }

    @Test("CreateMultipartUpload and a 4xx are not retried")
    func notRetried() async throws {
        try await withScript([.error(.serviceUnavailable, code: "SlowDown")]) { client, server in
            await #expect(throws: S3BlobClientError.self) { _ = try await client.createMultipartUpload(key: "k") }
            #expect(server.seen.count == 1)
        }
        try await withScript([.error(.forbidden, code: "AccessDenied")]) { client, server in
            await #expect(throws: S3BlobClientError.service(status: 403, code: "AccessDenied", message: "scripted")) {
                _ = try await client.get(key: "k")
            }
            #expect(server.seen.count == 1)
        }
    }

    @Test("each attempt has a timeout: a silent server gives a connection failure, not a hang")
    func attemptTimeout() async throws {
        // Without the per-attempt timeout the first 8 s answer would arrive and the call succeed: the thrown connection
        // failure is the proof. The time is only bounded loosely (6.1 s was seen during a full CI run on two cores).
        try await withScript([.init(status: .ok, delay: .seconds(8))], timeout: .milliseconds(300), maxAttempts: 2) {
            client, server in
            let started = ContinuousClock.now
            let error = await #expect(throws: S3BlobClientError.self) { _ = try await client.get(key: "k") }
            #expect(error?.isConnectionFailure == true, "\(String(describing: error))")
            #expect(ContinuousClock.now - started < .seconds(16))
            #expect(server.seen.count == 2)
        }
    }

    @Test("an answer is collected only up to the caller's limit")
    func bodyLimit() async throws {
        let hundred = String(repeating: "x", count: 100)
        try await withScript([.init(status: .ok, body: hundred)]) { client, server in
            await #expect(throws: S3BlobClientError.responseTooLarge(status: 200, limit: 10)) {
                _ = try await client.get(key: "k", maxBytes: 10)
            }
            #expect(server.seen.count == 1)
        }
    }

    @Test("requests are signed over the body's SHA-256, and a range GET sends its Range")
    func signedPayload() async throws {
        let body = ByteBuffer(string: "sealed blob bytes")
        try await withScript([.init(status: .partialContent, body: "blob", headers: [.contentRange: "bytes 7-10/17"])])
        {
            client, server in
            try await client.put(key: "a b", body: body)
            let part = try #require(try await client.get(key: "a b", range: 7...10))
            #expect(part.size == 17)
            let put = try #require(server.seen.first)
            #expect(put.method == "PUT")
            #expect(put.uri == "/scripted/p/a%20b")
            #expect(
                put.headers[.init("x-amz-content-sha256")!]
                    == body.withUnsafeReadableBytes { hexSHA256(bufferPointer: $0) })
            #expect(put.headers[.authorization]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDSCRIPTED/") == true)
            #expect(server.seen.last?.headers[.range] == "bytes=7-10")
        }
    }
}
