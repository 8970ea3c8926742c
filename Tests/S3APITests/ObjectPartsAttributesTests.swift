import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// GetObjectAttributes `ObjectParts` of multipart objects: the count, and the paged part list when checksummed.
@Suite struct ObjectPartsAttributesTests {
    static let texts = [MultipartTests.partA, MultipartTests.partB, MultipartTests.partC]

    /// Uploads the three parts (with `algorithm` declared at Create, if any) and completes without listing checksums.
    static func upload(_ client: any TestClientProtocol, key: String, algorithm: String?) async throws {
        let created = try await client.s3(
            .post, "/bucket1/\(key)", query: "uploads",
            headers: algorithm.map { [("x-amz-checksum-algorithm", $0)] } ?? [])
        let uploadId = try #require(created.xml("UploadId"))
        var etags: [(Int, String)] = []
        for (index, text) in texts.enumerated() {
            let part = try await client.s3(
                .put, "/bucket1/\(key)", query: "partNumber=\(index + 1)&uploadId=\(uploadId)",
                body: ByteBuffer(string: text))
            etags.append((index + 1, try #require(part.headers[.eTag])))
        }
        let done = try await client.s3(
            .post, "/bucket1/\(key)", query: "uploadId=\(uploadId)", body: MultipartTests.completion(etags))
        try #require(done.status == .ok)
    }

    static func attributes(
        _ client: any TestClientProtocol, _ key: String, _ extra: [(String, String)] = []
    ) async throws -> TestResponse {
        try await client.s3(
            .get, "/bucket1/\(key)", query: "attributes",
            headers: [("x-amz-object-attributes", "ObjectParts,Checksum")] + extra)
    }

    static func sha256(_ text: String) -> String {
        Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    @Test func checksummedObjectsListTheirPartsPageByPage() async throws {
        try await MultipartTests.run { _, client in
            try await Self.upload(client, key: "k", algorithm: "SHA256")
            let first = try await Self.attributes(client, "k", [("x-amz-max-parts", "2")])
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.xml("ChecksumType") == "COMPOSITE")
            #expect(first.xml("PartsCount") == "3")
            #expect(first.xml("IsTruncated") == "true")
            #expect(first.xml("MaxParts") == "2")
            #expect(first.xml("PartNumberMarker") == "0")
            #expect(first.xml("NextPartNumberMarker") == "2")
            #expect(first.xmlAll("PartNumber") == ["1", "2"])
            #expect(first.xmlAll("Size") == ["1500", "1100"])
            let part = first.text.components(separatedBy: "<Part>").dropFirst().map { $0 }
            #expect(part.count == 2)
            #expect(part.first?.contains("<ChecksumSHA256>\(Self.sha256(Self.texts[0]))</ChecksumSHA256>") == true)

            let next = try await Self.attributes(client, "k", [("x-amz-part-number-marker", "2")])
            #expect(next.xml("IsTruncated") == "false")
            #expect(next.xml("MaxParts") == "1000")
            #expect(next.xml("PartNumberMarker") == "2")
            #expect(next.xml("NextPartNumberMarker") == nil)
            #expect(next.xmlAll("PartNumber") == ["3"])
            #expect(next.xml("ChecksumSHA256")?.hasSuffix("-3") == true, "the object's composite checksum first")
            #expect(next.xmlAll("ChecksumSHA256").last == Self.sha256(Self.texts[2]))
        }
    }

    /// As on AWS, an object uploaded without a checksum algorithm reports its part count but no parts.
    @Test func uncheckedObjectsReportOnlyTheirPartCount() async throws {
        try await MultipartTests.run { _, client in
            try await Self.upload(client, key: "plain", algorithm: nil)
            let response = try await Self.attributes(client, "plain")
            #expect(response.status == .ok)
            #expect(response.xml("PartsCount") == "3")
            #expect(!response.text.contains("<Part>"))
            #expect(response.xml("IsTruncated") == nil)
        }
    }

    @Test(arguments: ["x-amz-max-parts", "x-amz-part-number-marker"])
    func aBadPagingHeaderIsInvalidArgument(_ name: String) async throws {
        try await MultipartTests.run { _, client in
            try await Self.upload(client, key: "k", algorithm: "SHA256")
            let response = try await Self.attributes(client, "k", [(name, "-1")])
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "InvalidArgument")
            #expect(response.xml("ArgumentName") == name)
        }
    }
}
