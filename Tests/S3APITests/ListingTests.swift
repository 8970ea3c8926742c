import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ListingTests {
    static let keys = ["a", "b/1", "b/2", "c/d/e", "d", "sp ace+plus"]

    static func seed(_ client: some TestClientProtocol) async throws {
        for key in keys {
            let path =
                "/bucket1/" + key.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "+", with: "%2B")
            try await client.put(path, key)
        }
    }

    @Test func listObjectsV2WithDelimiterAndPrefix() async throws {
        try await S3TestHarness.run { _, client in
            try await Self.seed(client)
            let all = try await client.get("/bucket1", query: "list-type=2")
            #expect(all.xmlAll("Key") == Self.keys)
            #expect(all.xml("KeyCount") == "6")
            #expect(all.xml("IsTruncated") == "false")
            #expect(all.xml("StorageClass") == "STANDARD")
            #expect(all.xml("ETag") == "&quot;0cc175b9c0f1b6a831c399e269772661&quot;")
            #expect(all.xml("Owner") == nil)

            let delimited = try await client.get("/bucket1", query: "list-type=2&delimiter=%2F")
            #expect(delimited.xmlAll("Key") == ["a", "d", "sp ace+plus"])
            #expect(delimited.xmlAll("Prefix") == ["", "b/", "c/"])
            #expect(delimited.xml("Delimiter") == "/")

            let prefixed = try await client.get("/bucket1", query: "list-type=2&prefix=b%2F&fetch-owner=true")
            #expect(prefixed.xmlAll("Key") == ["b/1", "b/2"])
            #expect(prefixed.xml("DisplayName") != nil)

            let after = try await client.get("/bucket1", query: "list-type=2&start-after=b%2F2")
            #expect(after.xmlAll("Key") == ["c/d/e", "d", "sp ace+plus"])
            #expect(after.xml("StartAfter") == "b/2")

            let encoded = try await client.get("/bucket1", query: "list-type=2&prefix=sp&encoding-type=url")
            #expect(encoded.xmlAll("Key") == ["sp%20ace%2Bplus"])
            #expect(encoded.xml("EncodingType") == "url")
        }
    }

    @Test func listObjectsV2PagesWithContinuationTokens() async throws {
        try await S3TestHarness.run { _, client in
            try await Self.seed(client)
            var listed: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let tokenQuery =
                    token.map {
                        "&continuation-token=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                    } ?? ""
                let page = try await client.get("/bucket1", query: "list-type=2&max-keys=2\(tokenQuery)")
                #expect(page.status == .ok)
                listed += page.xmlAll("Key")
                token = page.xml("NextContinuationToken")
                #expect((token != nil) == (page.xml("IsTruncated") == "true"))
                pages += 1
            } while token != nil && pages < 10
            #expect(listed == Self.keys)
            #expect(pages == 3)

            let bad = try await client.get("/bucket1", query: "list-type=2&continuation-token=bogus")
            #expect(bad.errorCode == "InvalidArgument")
            let maxKeys = try await client.get("/bucket1", query: "list-type=2&max-keys=-1")
            #expect(maxKeys.errorCode == "InvalidArgument")
            let encoding = try await client.get("/bucket1", query: "list-type=2&encoding-type=base64")
            #expect(encoding.errorCode == "InvalidArgument")
            let zero = try await client.get("/bucket1", query: "list-type=2&max-keys=0")
            #expect(zero.xmlAll("Key").isEmpty)
            #expect(zero.xml("IsTruncated") == "false")
        }
    }

    @Test func listObjectsV1WithMarkers() async throws {
        try await S3TestHarness.run { _, client in
            try await Self.seed(client)
            let first = try await client.get("/bucket1", query: "max-keys=2&delimiter=%2F")
            #expect(first.xmlAll("Key") == ["a"])
            #expect(first.xmlAll("Prefix") == ["", "b/"])
            #expect(first.xml("NextMarker") == "b/")
            #expect(first.xml("IsTruncated") == "true")
            #expect(first.xml("Owner") != nil)
            let second = try await client.get("/bucket1", query: "max-keys=2&delimiter=%2F&marker=b%2F")
            #expect(second.xmlAll("Key") == ["d"])
            #expect(second.xmlAll("Prefix") == ["", "c/"])
            #expect(second.xml("Marker") == "b/")
        }
    }

    @Test func listObjectVersionsOfAnUnversionedBucket() async throws {
        try await S3TestHarness.run { _, client in
            try await Self.seed(client)
            let versions = try await client.get("/bucket1", query: "versions&max-keys=3")
            #expect(versions.text.contains("<ListVersionsResult"))
            #expect(versions.xmlAll("Key") == ["a", "b/1", "b/2"])
            #expect(versions.xmlAll("VersionId") == ["null", "null", "null"])
            #expect(versions.xmlAll("IsLatest") == ["true", "true", "true"])
            #expect(versions.xml("NextKeyMarker") == "b/2")
            let rest = try await client.get("/bucket1", query: "versions&key-marker=b%2F2")
            #expect(rest.xmlAll("Key") == ["c/d/e", "d", "sp ace+plus"])
        }
    }

    @Test func deleteObjectsInOneRequest() async throws {
        try await S3TestHarness.run { _, client in
            try await Self.seed(client)
            let body =
                "<Delete><Object><Key>a</Key></Object><Object><Key>b/1</Key></Object>"
                + "<Object><Key>missing</Key></Object><Object><Key>d</Key><VersionId>abc</VersionId></Object></Delete>"
            let response = try await client.s3(.post, "/bucket1", query: "delete", body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            #expect(response.xmlAll("Key") == ["a", "b/1", "missing", "d"])
            #expect(response.xml("Code") == "NoSuchVersion")
            let after = try await client.get("/bucket1", query: "list-type=2")
            #expect(after.xmlAll("Key") == ["b/2", "c/d/e", "d", "sp ace+plus"])

            let quiet = "<Delete><Quiet>true</Quiet><Object><Key>b/2</Key></Object></Delete>"
            let quietResponse = try await client.s3(.post, "/bucket1", query: "delete", body: ByteBuffer(string: quiet))
            #expect(quietResponse.xmlAll("Key").isEmpty)
            #expect(try await client.get("/bucket1/b/2").status == .notFound)

            let escaped =
                "<Delete><Object><Key>sp ace+plus</Key></Object><Object><Key>c&#47;d/e</Key></Object></Delete>"
            let escapedResponse = try await client.s3(
                .post, "/bucket1", query: "delete", body: ByteBuffer(string: escaped))
            #expect(escapedResponse.xmlAll("Key") == ["sp ace+plus", "c/d/e"])

            for bad in ["<Delete></Delete>", "<Delete><Object></Object></Delete>", "not xml", "<Other/>"] {
                let refused = try await client.s3(.post, "/bucket1", query: "delete", body: ByteBuffer(string: bad))
                #expect(refused.errorCode == "MalformedXML", "\(bad)")
            }
            let tooMany = "<Delete>" + String(repeating: "<Object><Key>k</Key></Object>", count: 1001) + "</Delete>"
            let refused = try await client.s3(.post, "/bucket1", query: "delete", body: ByteBuffer(string: tooMany))
            #expect(refused.errorCode == "MalformedXML")
            let missingBucket = try await client.s3(
                .post, "/nobucket", query: "delete", body: ByteBuffer(string: quiet))
            #expect(missingBucket.errorCode == "NoSuchBucket")
        }
    }
}
