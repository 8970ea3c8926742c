import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct BucketTests {
    @Test func createListHeadLocateAndDeleteABucket() async throws {
        try await S3TestHarness.run(bucket: nil) { _, client in
            let created = try await client.s3(.put, "/photos")
            #expect(created.status == .ok)
            #expect(created.headers[.location] == "/photos")
            #expect(created.headers[HTTPField.Name("x-amz-request-id")!] != nil)
            #expect(created.headers[HTTPField.Name("x-amz-id-2")!] != nil)

            let list = try await client.get("/")
            #expect(list.status == .ok)
            #expect(list.xmlAll("Name") == ["photos"])
            #expect(list.xml("ID")?.count == 64)
            #expect(list.text.contains(#"<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#))

            let head = try await client.s3(.head, "/photos")
            #expect(head.status == .ok)
            #expect(head.headers[HTTPField.Name("x-amz-bucket-region")!] == "us-east-1")

            let location = try await client.get("/photos", query: "location")
            #expect(location.text.hasSuffix(#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>"#))

            #expect(try await client.s3(.delete, "/photos").status == .noContent)
            #expect(try await client.s3(.head, "/photos").status == .notFound)
        }
    }

    @Test func createBucketAcceptsAConfigurationNamingOurRegionOnly() async throws {
        try await S3TestHarness.run(bucket: nil) { _, client in
            let ours =
                #"<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
                + "<LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>"
            #expect(try await client.s3(.put, "/configured", body: ByteBuffer(string: ours)).status == .ok)
            let other =
                "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
            let refused = try await client.s3(.put, "/elsewhere", body: ByteBuffer(string: other))
            #expect(refused.status == .badRequest)
            #expect(refused.errorCode == "IllegalLocationConstraintException")
            let malformed = try await client.s3(.put, "/broken", body: ByteBuffer(string: "<CreateBucket"))
            #expect(malformed.errorCode == "MalformedXML")
        }
    }

    @Test(arguments: ["Upper", "ab", "a_b", "-abc", "192.168.1.1", "xn--abc", String(repeating: "a", count: 64)])
    func invalidBucketNamesAreRefused(name: String) async throws {
        try await S3TestHarness.run(bucket: nil) { _, client in
            let response = try await client.s3(.put, "/\(name)")
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "InvalidBucketName")
            #expect(response.xml("BucketName") == name)
        }
    }

    @Test func bucketErrors() async throws {
        try await S3TestHarness.run { _, client in
            let again = try await client.s3(.put, "/bucket1")
            #expect(again.status == .conflict)
            #expect(again.errorCode == "BucketAlreadyOwnedByYou")

            try await client.put("/bucket1/key", "x")
            let notEmpty = try await client.s3(.delete, "/bucket1")
            #expect(notEmpty.status == .conflict)
            #expect(notEmpty.errorCode == "BucketNotEmpty")

            let missing = try await client.get("/nosuchbucket", query: "list-type=2")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "NoSuchBucket")
            #expect(missing.xml("BucketName") == "nosuchbucket")
            #expect(missing.xml("Resource") == "/nosuchbucket")
            #expect(missing.xml("RequestId") == missing.headers[HTTPField.Name("x-amz-request-id")!])
            #expect(missing.headers[.contentType] == "application/xml")

            let headMissing = try await client.s3(.head, "/nosuchbucket")
            #expect(headMissing.status == .notFound)
            #expect(headMissing.body.readableBytes == 0)
        }
    }

    @Test func expectedBucketOwnerMustBeOurAccount() async throws {
        try await S3TestHarness.run { _, client in
            let ours = try await client.get("/bucket1", headers: [("x-amz-expected-bucket-owner", "111122223333")])
            #expect(ours.status == .ok)
            let other = try await client.get("/bucket1", headers: [("x-amz-expected-bucket-owner", "999999999999")])
            #expect(other.status == .forbidden)
            #expect(other.errorCode == "AccessDenied")
        }
    }

    @Test func staticACLAndVersioningAnswers() async throws {
        try await S3TestHarness.run { _, client in
            let acl = try await client.get("/bucket1", query: "acl")
            #expect(acl.status == .ok)
            #expect(acl.xml("Permission") == "FULL_CONTROL")
            let versioning = try await client.get("/bucket1", query: "versioning")
            #expect(versioning.text.contains("<VersioningConfiguration"))
        }
    }

    @Test(arguments: [
        ("PUT", "/bucket1", "versioning"), ("PUT", "/bucket1", "acl"), ("GET", "/bucket1", "inventory"),
        ("POST", "/bucket1/key", "restore"), ("GET", "/bucket1", "website"), ("PUT", "/bucket1", "cors"),
        ("GET", "/bucket1", "lifecycle"), ("GET", "/bucket1/key", "tagging"), ("PUT", "/bucket1/key", "acl"),
    ])
    func unsupportedSubresourcesAnswerNotImplemented(method: String, path: String, subresource: String) async throws {
        try await S3TestHarness.run { _, client in
            let response = try await client.s3(HTTPRequest.Method(method)!, path, query: subresource)
            #expect(response.status == .notImplemented)
            #expect(response.errorCode == "NotImplemented")
        }
    }
}
