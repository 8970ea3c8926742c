import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import TestSupport
import Testing

/// GetObjectAttributes over HTTP.
@Suite struct ObjectAttributesTests {
    static let text = "The quick brown fox jumps over the lazy dog"
    static let sha256 = "16j7swfXgJRpypq8sAguT41WUeRtPNt2LQLQvzfJ5ZI="

    static func attributes(
        _ client: some TestClientProtocol, _ path: String, _ names: String?, auth: TestAuth = .signed
    ) async throws -> TestResponse {
        try await client.s3(
            .get, path, query: "attributes", headers: names.map { [("x-amz-object-attributes", $0)] } ?? [],
            auth: auth)
    }

    @Test func returnsWhatWasAskedFromMetadataAlone() async throws {
        try await S3TestHarness.run { harness, client in
            let key = harness.keys.createKey()
            let put = try await client.put(
                "/bucket1/k", Self.text,
                headers: [
                    ("x-amz-checksum-sha256", Self.sha256), ("x-amz-server-side-encryption", "aws:kms"),
                    ("x-amz-server-side-encryption-aws-kms-key-id", key),
                ])
            let decrypts = harness.keys.decryptCalls
            let all = try await Self.attributes(
                client, "/bucket1/k", "ETag,Checksum,ObjectParts,StorageClass,ObjectSize")
            #expect(all.status == .ok, "\(all.text)")
            #expect(
                all.text.contains("<GetObjectAttributesResponse xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"))
            #expect(all.xml("ETag") == put.headers[.eTag]?.replacingOccurrences(of: "\"", with: ""))
            #expect(all.xml("ChecksumSHA256") == Self.sha256)
            #expect(all.xml("ChecksumType") == "FULL_OBJECT")
            #expect(all.xml("ObjectParts") == nil, "a single-part object has no parts")
            #expect(all.xml("StorageClass") == "STANDARD")
            #expect(all.xml("ObjectSize") == String(Self.text.utf8.count))
            let head = try await client.s3(.head, "/bucket1/k")
            #expect(all.headers[.lastModified] == head.headers[.lastModified])
            #expect(harness.keys.decryptCalls == decrypts, "no KMS call")

            let some = try await Self.attributes(client, "/bucket1/k", "ObjectSize, ETag")
            #expect(some.xml("ObjectSize") != nil && some.xml("ETag") != nil)
            #expect(some.xml("Checksum") == nil && some.xml("StorageClass") == nil)
        }
    }

    @Test func anObjectWithoutChecksumsHasNoChecksumElement() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/k", Self.text)
            let response = try await Self.attributes(client, "/bucket1/k", "Checksum,ObjectSize")
            #expect(response.status == .ok)
            #expect(!response.text.contains("<Checksum>"))
        }
    }

    @Test func errors() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/k", Self.text)
            for missing in [nil, "", " , "] {
                let response = try await Self.attributes(client, "/bucket1/k", missing)
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "InvalidRequest")
                #expect(
                    response.xml("Message")
                        == "The x-amz-object-attributes header specifying the attributes to be retrieved is either "
                        + "missing or empty")
            }
            let unknown = try await Self.attributes(client, "/bucket1/k", "ETag,ETags")
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "InvalidArgument")
            #expect(unknown.xml("Message") == "Invalid attribute name specified.")
            #expect(unknown.xml("ArgumentValue") == "ETags")
            let missingKey = try await Self.attributes(client, "/bucket1/nope", "ETag")
            #expect(missingKey.status == .notFound)
            #expect(missingKey.errorCode == "NoSuchKey")
        }
    }

    /// AWS requires `s3:GetObject` and `s3:GetObjectAttributes`.
    @Test func authorizationNeedsBothActions() async throws {
        try await S3TestHarness.with { harness in
            try await harness.store.createBucket("bucket1")
            let reader = try LimitedUser(
                "reader", statements: [LimitedUser.allow(["s3:GetObject"], on: ["arn:aws:s3:::bucket1/*"])])
            let inspector = try LimitedUser(
                "inspector",
                statements: [
                    LimitedUser.allow(["s3:GetObject", "s3:GetObjectAttributes"], on: ["arn:aws:s3:::bucket1/*"])
                ])
            try await harness.test(users: [reader.credential, inspector.credential]) { client in
                try await client.put("/bucket1/k", Self.text)
                let denied = try await Self.attributes(client, "/bucket1/k", "ETag", auth: reader.auth)
                #expect(denied.status == .forbidden)
                #expect(denied.errorCode == "AccessDenied")
                #expect(try await client.get("/bucket1/k", auth: reader.auth).status == .ok)
                let allowed = try await Self.attributes(client, "/bucket1/k", "ETag", auth: inspector.auth)
                #expect(allowed.status == .ok)
            }
        }
    }
}
