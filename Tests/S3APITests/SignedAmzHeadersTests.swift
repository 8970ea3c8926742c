import HTTPTypes
import HummingbirdTesting
import NIOCore
import SigV4
import Testing

/// Header-signed SigV4: an `x-amz-*` header added to a signed request after signing (by whoever captured it) is
/// refused, as S3 refuses it, for every `x-amz-*` header the server acts on; nothing is written.
@Suite struct SignedAmzHeadersTests {
    /// Every request header whose name starts with `x-amz-` that some S3 operation reads, and a user metadata one.
    static let actedOn = [
        "x-amz-acl", "x-amz-checksum-algorithm", "x-amz-checksum-crc32", "x-amz-checksum-crc32c",
        "x-amz-checksum-crc64nvme", "x-amz-checksum-mode", "x-amz-checksum-sha1", "x-amz-checksum-sha256",
        "x-amz-checksum-type", "x-amz-copy-source", "x-amz-copy-source-if-match",
        "x-amz-copy-source-if-modified-since", "x-amz-copy-source-if-none-match",
        "x-amz-copy-source-if-unmodified-since", "x-amz-copy-source-range", "x-amz-decoded-content-length",
        "x-amz-expected-bucket-owner", "x-amz-max-parts", "x-amz-meta-note", "x-amz-metadata-directive",
        "x-amz-object-attributes", "x-amz-part-number-marker", "x-amz-sdk-checksum-algorithm",
        "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
        "x-amz-server-side-encryption-bucket-key-enabled", "x-amz-server-side-encryption-context",
        "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key",
        "x-amz-trailer",
    ]

    @Test(arguments: actedOn)
    func anUnsignedAmzHeaderAddedToASignedPutIsRefused(_ name: String) async throws {
        try await S3TestHarness.run { harness, client in
            // Given a PUT signed by the root user, when a header is added after signing,
            let body = ByteBuffer(string: "signed body")
            var (_, headers) = signedRequest(.put, "/bucket1/k", query: "", headers: [], body: body, auth: .signed)
            headers.append(HTTPField(name: HTTPField.Name(name)!, value: "bucket1/other"))
            let response = try await client.execute(uri: "/bucket1/k", method: .put, headers: headers, body: body)

            // then S3 refuses it, names the header, and stores nothing.
            #expect(response.status == .forbidden)
            #expect(response.errorCode == "AccessDenied")
            #expect(response.xml("Message") == "There were headers present in the request which were not signed")
            #expect(response.xml("HeadersNotSigned") == name)
            #expect(try await client.get("/bucket1/k").errorCode == "NoSuchKey")
            _ = harness
        }
    }

    /// `x-amz-content-sha256` alone may go unsigned: the canonical request carries the payload hash itself.
    @Test func theContentSHA256HeaderMayBeUnsigned() async throws {
        try await S3TestHarness.run { _, client in
            let body = ByteBuffer(string: "signed body")
            let request = SigV4Request(method: "PUT", path: "/bucket1/k", query: "", headers: [("host", "localhost")])
            let hash = hexSHA256(Array(body.readableBytesView))
            let signed = testSigner().sign(request, payloadHash: hash, addContentSHA256Header: false)
            var headers = HTTPFields()
            for (name, value) in signed.headers where name != "host" {
                headers.append(HTTPField(name: HTTPField.Name(name)!, value: value))
            }
            headers.append(HTTPField(name: HTTPField.Name("x-amz-content-sha256")!, value: hash))
            let response = try await client.execute(uri: "/bucket1/k", method: .put, headers: headers, body: body)
            #expect(response.status == .ok, "\(response.text)")
        }
    }
}
