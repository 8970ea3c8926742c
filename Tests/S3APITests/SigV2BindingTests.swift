import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import SigV4
import TestSupport
import Testing

@testable import S3API

/// SigV2 signs little (no `Host`, a fixed list of sub-resources, an expiry with no start), so the server must not act
/// on what it left out: the attacks of issue #11, refused.
@Suite(.timeLimit(.minutes(5))) struct SigV2BindingTests {
    /// One HTTP/1.1 request over a socket, exactly as given, with `Connection: close`; returns the whole response.
    static func send(port: Int, _ method: String, host: String, target: String, headers: [(String, String)] = [])
        async throws -> String
    {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nContent-Length: 0\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return try await RawConnection.with(port: port) { connection in
            try await connection.send(ByteBuffer(string: text + "\r\n"))
            return try await connection.readToEnd()
        }
    }

    /// A SigV2 presigned URL for `/photos/cat.jpg` (bucket `photos`) sent with `Host: private.<domain>` names
    /// `private/photos/cat.jpg`: the virtual-host bucket is part of the signed resource, so it is refused.
    @Test func aPresignedURLCannotBeMovedToAnotherBucketsHost() async throws {
        try await S3TestHarness.with { harness in
            for bucket in ["photos", "private"] { try await harness.store.createBucket(bucket) }
            try await harness.test(.live, domain: "example.test") { client in
                #expect(try await client.put("/photos/cat.jpg", "a cat").status == .ok)
                #expect(try await client.put("/private/photos/cat.jpg", "a secret").status == .ok)
                let port = client.port!
                let url = SigV2TestSigner.presign(
                    SigV4Request(method: "GET", path: "/photos/cat.jpg", query: "", headers: []),
                    expires: Date().addingTimeInterval(300))
                let target = "/photos/cat.jpg?\(url.query)"

                let moved = try await Self.send(port: port, "GET", host: "private.example.test:\(port)", target: target)
                #expect(moved.hasPrefix("HTTP/1.1 403"), "\(moved.prefix(200))")
                #expect(moved.contains("<Code>SignatureDoesNotMatch</Code>"))
                #expect(!moved.contains("a secret"))

                let pathStyle = try await Self.send(port: port, "GET", host: "localhost:\(port)", target: target)
                #expect(pathStyle.hasPrefix("HTTP/1.1 200") && pathStyle.hasSuffix("a cat"), "\(pathStyle.prefix(200))")

                // Signed for the virtual host (resource `/private/photos/cat.jpg`), the same path reads that object.
                let virtual = SigV2TestSigner.presign(
                    SigV4Request(method: "GET", path: "/private/photos/cat.jpg", query: "", headers: []),
                    expires: Date().addingTimeInterval(300))
                let own = try await Self.send(
                    port: port, "GET", host: "private.example.test:\(port)", target: "/photos/cat.jpg?\(virtual.query)")
                #expect(own.hasPrefix("HTTP/1.1 200") && own.hasSuffix("a secret"), "\(own.prefix(200))")
            }
        }
    }

    /// A captured SigV2 `PUT /victim` (CreateBucket) replayed as `PUT /victim?encryption` with the attacker's XML
    /// must not set the bucket's default key; every routing sub-resource SigV2 leaves unsigned is refused the same
    /// way.
    @Test(arguments: ["encryption", "attributes"])
    func aSubresourceSigV2DoesNotSignIsRefused(_ subresource: String) async throws {
        try await S3TestHarness.run(bucket: nil) { harness, client in
            let captured = signedRequest(.put, "/victim", query: "", headers: [], body: nil, auth: .sigV2Header)
            let create = try await client.execute(uri: "/victim", method: .put, headers: captured.headers, body: nil)
            #expect(create.status == .ok, "\(create.text)")
            let xml = """
                <ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>\
                <SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/attacker</KMSMasterKeyID>\
                </ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>
                """
            let replayed = try await client.execute(
                uri: "/victim?\(subresource)", method: .put, headers: captured.headers, body: ByteBuffer(string: xml))
            #expect(replayed.status == .badRequest)
            #expect(replayed.errorCode == "InvalidRequest")
            #expect(replayed.xml("Message") == S3Authenticator.sigV2NotSupported)
            #expect(try await harness.store.bucketEncryption("victim").kmsMasterKeyId == nil)
        }
    }

    /// Every sub-resource the router dispatches on is either in SigV2's string to sign or refused for SigV2.
    @Test func everyRoutingSubresourceIsSignedOrRefused() {
        for name in S3Operation.routingSubresources {
            #expect(
                SigV2Verifier.subresources.contains(name)
                    != S3Authenticator.subresourcesSigV2DoesNotSign.contains(name),
                "\(name)")
        }
        #expect(
            S3Authenticator.subresourcesSigV2DoesNotSign == [
                "attributes", "encryption", "policyStatus", "publicAccessBlock",
            ])
    }

    /// SigV2 presigned URLs are bounded like SigV4's `X-Amz-Expires`: at most 7 days from now.
    @Test func presignedExpiryIsAtMostSevenDaysAway() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/k", "v2")
            let tenYears = try await client.get(
                "/bucket1/k", auth: .sigV2Presigned(expires: Date() + 10 * 365 * 86_400))
            #expect(tenYears.status == .forbidden)
            #expect(tenYears.errorCode == "AccessDenied")
            #expect(tenYears.xml("Message")?.contains("604800 seconds (7 days)") == true, "\(tenYears.text)")
            let eightDays = try await client.get("/bucket1/k", auth: .sigV2Presigned(expires: Date() + 8 * 86_400))
            #expect(eightDays.status == .forbidden)
            let sixDays = try await client.get("/bucket1/k", auth: .sigV2Presigned(expires: Date() + 6 * 86_400))
            #expect(sixDays.status == .ok)
            #expect(sixDays.text == "v2")
        }
    }
}
