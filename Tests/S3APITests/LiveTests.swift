import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import TestSupport
import Testing

/// Over real sockets: `Expect: 100-continue`, streaming of larger bodies, HEAD framing.
///
/// The time limit is generous: the live server's handlers run on Swift's cooperative pool (two threads here),
/// which synchronous interop tests elsewhere in the package can occupy for a long while during `swift test`.
@Suite(.timeLimit(.minutes(5))) struct LiveTests {
    /// A signed PUT head with `Expect: 100-continue`, as curl and boto3 send it.
    static func head(path: String, body: ByteBuffer, auth: TestAuth = .signed) -> ByteBuffer {
        let (_, fields) = signedRequest(
            .put, path, query: "", headers: [("Expect", "100-continue")], body: body, auth: auth)
        var text = "PUT \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.readableBytes)\r\n"
        for field in fields { text += "\(field.name.rawName): \(field.value)\r\n" }
        return ByteBuffer(string: text + "\r\n")
    }

    @Test func aPutWithExpectContinueGetsItsContinueAtOnceAndCompletes() async throws {
        try await S3TestHarness.run(.live) { harness, client in
            let body = ByteBuffer(bytes: (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0) })
            let response = try await RawConnection.with(port: client.port!) { connection in
                try await connection.send(Self.head(path: "/bucket1/expect", body: body))
                let interim = try await connection.read(until: "\r\n\r\n")
                // The raw client never sends the body unasked: reaching the next line proves the 100 came.
                #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
                try await connection.send(body)
                return try await connection.read(until: "Content-Length: 0\r\n")
            }
            #expect(response.contains("HTTP/1.1 200 OK"))
            let get = try await client.get("/bucket1/expect")
            #expect(get.body == body)
        }
    }

    @Test func aRefusedPutIsAnsweredWithoutContinueAndTheConnectionCloses() async throws {
        try await S3TestHarness.run(.live) { _, client in
            let body = ByteBuffer(string: "never sent")
            for (path, auth, status) in [
                ("/bucket1/denied", TestAuth.sigV4(secret: "wrong"), "403"), ("/nobucket/key", .signed, "404"),
            ] {
                let response = try await RawConnection.with(port: client.port!) { connection in
                    try await connection.send(Self.head(path: path, body: body, auth: auth))
                    return try await connection.readToEnd()
                }
                #expect(!response.contains("100 Continue"), "\(path)")
                #expect(response.hasPrefix("HTTP/1.1 \(status)"), "\(path)")
                #expect(response.lowercased().contains("connection: close"), "\(path)")
            }
        }
    }

    @Test func largeBodiesStreamBothWaysAndHeadKeepsItsLength() async throws {
        try await S3TestHarness.run(.live) { _, client in
            let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            var upload = AWSChunkedUpload(mode: .signed, data: bytes)
            upload.chunkSize = 1 << 20
            #expect(try await client.put("/bucket1/large", upload: upload).status == .ok)
            let get = try await client.get("/bucket1/large")
            #expect(get.status == .ok)
            #expect(Array(get.body.readableBytesView) == bytes)
            let head = try await client.s3(.head, "/bucket1/large")
            #expect(head.headers[.contentLength] == String(bytes.count))
            let range = try await client.get("/bucket1/large", headers: [("Range", "bytes=1048570-1048580")])
            #expect(Array(range.body.readableBytesView) == Array(bytes[1_048_570...1_048_580]))
            let missing = try await client.s3(.head, "/bucket1/missing")
            #expect(missing.status == .notFound)
        }
    }
}
