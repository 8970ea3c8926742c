import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import SigV4
import TestSupport
import Testing

@testable import S3API

/// `--domain`: `Host: <bucket>.<domain>` addresses the bucket (virtual-hosted style); path-style keeps working.
/// Requests go over a real socket so that the `Host` header is exactly what a client sends.
@Suite(.timeLimit(.minutes(5))) struct VirtualHostTests {
    static let domain = "example.test"

    /// One signed HTTP/1.1 request with `Connection: close`, signed for `host` as SigV4 clients sign it (the path
    /// as sent); returns the whole response.
    static func send(
        port: Int, _ method: String, host: String, target: String, body: String = ""
    ) async throws -> String {
        let parts = target.split(separator: "?", maxSplits: 1)
        let request = SigV4Request(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
            headers: [("host", host)])
        let signed = testSigner().sign(request, payloadHash: hexSHA256(Array(body.utf8)))
        var text = "\(method) \(target) HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in signed.headers { text += "\(name): \(value)\r\n" }
        return try await RawConnection.with(port: port) { connection in
            try await connection.send(ByteBuffer(string: text + "\r\n" + body))
            return try await connection.readToEnd()
        }
    }

    @Test func bucketHostsAddressTheBucketAndPathStyleStillWorks() async throws {
        try await S3TestHarness.with { harness in
            try await harness.store.createBucket("bucket1")
            try await harness.test(.live, domain: Self.domain) { client in
                let port = client.port!
                #expect(try await client.put("/bucket1/dir/a.txt", "path-style").status == .ok)

                let host = "bucket1.example.test:\(port)"
                let get = try await Self.send(port: port, "GET", host: host, target: "/dir/a.txt")
                #expect(get.hasPrefix("HTTP/1.1 200"), "\(get.prefix(300))")
                #expect(get.hasSuffix("\r\n\r\npath-style"))

                let put = try await Self.send(port: port, "PUT", host: host, target: "/v.txt", body: "virtual")
                #expect(put.hasPrefix("HTTP/1.1 200"), "\(put.prefix(300))")
                #expect(try await client.get("/bucket1/v.txt").text == "virtual")

                let list = try await Self.send(port: port, "GET", host: "BUCKET1.Example.Test", target: "/?list-type=2")
                #expect(list.contains("<Name>bucket1</Name>"), "\(list.prefix(300))")
                #expect(list.contains("<Key>dir/a.txt</Key>") && list.contains("<Key>v.txt</Key>"))

                let missing = try await Self.send(port: port, "GET", host: "nobucket.example.test", target: "/k")
                #expect(missing.hasPrefix("HTTP/1.1 404") && missing.contains("<Code>NoSuchBucket</Code>"))

                // The bare domain (and any other host) keeps path-style addressing.
                let bare = try await Self.send(
                    port: port, "GET", host: "example.test:\(port)", target: "/bucket1/v.txt")
                #expect(bare.hasPrefix("HTTP/1.1 200") && bare.hasSuffix("virtual"))
            }
        }
    }

    @Test func withoutADomainEveryHostIsPathStyle() async throws {
        try await S3TestHarness.run(.live) { _, client in
            try await client.put("/bucket1/k", "x")
            let get = try await Self.send(port: client.port!, "GET", host: "bucket1.example.test", target: "/k")
            #expect(get.hasPrefix("HTTP/1.1 404") && get.contains("<Code>NoSuchBucket</Code>"))
        }
    }

    @Test(
        arguments: [
            ("b1.example.test", "b1"), ("b1.example.test:9000", "b1"), ("My.Bucket.EXAMPLE.test", "my.bucket"),
            ("example.test", nil), ("b1.example.testing", nil), ("b1example.test", nil), ("[::1]:9000", nil),
            ("localhost", nil),
        ] as [(String, String?)])
    func virtualHostBucket(host: String, bucket: String?) {
        #expect(S3Path.virtualHostBucket(host: host, domain: Self.domain) == bucket)
    }
}
