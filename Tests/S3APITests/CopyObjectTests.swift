import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import TestSupport
import Testing

@testable import S3API

/// CopyObject over HTTP: headers in and out, the XML result, errors, conditions and authorization.
@Suite struct CopyObjectTests {
    static let text = "The quick brown fox jumps over the lazy dog"

    static func header(_ response: TestResponse, _ name: String) -> String? {
        response.headers[HTTPField.Name(name)!]
    }

    @Test func copiesAcrossBucketsAndReencryptsAsTheRequestSays() async throws {
        try await S3TestHarness.run { harness, client in
            let keyA = harness.keys.createKey("key-a")
            let keyB = harness.keys.createKey("key-b")
            try await harness.store.createBucket("bucket2")
            let put = try await client.put(
                "/bucket1/src", Self.text,
                headers: [
                    ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", keyA),
                    ("Content-Type", "text/plain"), ("x-amz-meta-color", "blue"), ("x-amz-checksum-crc32", "QU+jOQ=="),
                ])
            #expect(put.status == .ok)

            let copy = try await client.s3(
                .put, "/bucket2/dir/dst",
                headers: [
                    ("x-amz-copy-source", "bucket1/src"), ("x-amz-server-side-encryption", "aws:kms"),
                    ("x-amz-server-side-encryption-aws-kms-key-id", "key-b"),
                    ("x-amz-server-side-encryption-bucket-key-enabled", "true"),
                    ("x-amz-server-side-encryption-context", Data(#"{"team":"x"}"#.utf8).base64EncodedString()),
                ])
            #expect(copy.status == .ok, "\(copy.text)")
            #expect(copy.headers[.contentType] == "application/xml")
            #expect(copy.text.contains("<CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"))
            #expect(copy.xml("ETag") == put.headers[.eTag]?.replacingOccurrences(of: "\"", with: "&quot;"))
            #expect(copy.xml("LastModified")?.hasSuffix("Z") == true)
            #expect(copy.xml("ChecksumCRC32") == "QU+jOQ==")
            #expect(Self.header(copy, "x-amz-server-side-encryption") == "aws:kms")
            #expect(Self.header(copy, "x-amz-server-side-encryption-aws-kms-key-id") == keyB)
            #expect(Self.header(copy, "x-amz-server-side-encryption-bucket-key-enabled") == "true")
            #expect(Self.header(copy, "x-amz-server-side-encryption-context") != nil)

            let get = try await client.get("/bucket2/dir/dst", headers: [("x-amz-checksum-mode", "ENABLED")])
            #expect(get.text == Self.text)
            #expect(get.headers[.contentType] == "text/plain")
            #expect(Self.header(get, "x-amz-meta-color") == "blue")
            #expect(Self.header(get, "x-amz-checksum-crc32") == "QU+jOQ==")
            #expect(Self.header(get, "x-amz-server-side-encryption-aws-kms-key-id") == keyB)
            let ranged = try await client.get("/bucket2/dir/dst", headers: [("Range", "bytes=4-8")])
            #expect(ranged.status == .partialContent)
            #expect(ranged.text == "quick")
            // The source keeps its key.
            let source = try await client.s3(.head, "/bucket1/src")
            #expect(Self.header(source, "x-amz-server-side-encryption-aws-kms-key-id") == keyA)
        }
    }

    @Test func withoutSSEHeadersTheDestinationBucketDefaultApplies() async throws {
        try await S3TestHarness.run { harness, client in
            let key = harness.keys.createKey("default-key")
            try await client.put("/bucket1/src", Self.text, headers: [("x-amz-server-side-encryption", "aws:kms")])
            try await harness.store.createBucket("plain")
            let toPlain = try await client.s3(.put, "/plain/k", headers: [("x-amz-copy-source", "/bucket1/src")])
            #expect(Self.header(toPlain, "x-amz-server-side-encryption") == "AES256")
            #expect(Self.header(toPlain, "x-amz-server-side-encryption-aws-kms-key-id") == nil)
            try await harness.store.putBucketEncryption(
                "plain", .init(algorithm: .awsKMS, kmsMasterKeyId: key, bucketKeyEnabled: false))
            let toKMS = try await client.s3(.put, "/plain/k2", headers: [("x-amz-copy-source", "/bucket1/src")])
            #expect(Self.header(toKMS, "x-amz-server-side-encryption-aws-kms-key-id") == key)
        }
    }

    @Test func metadataDirective() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put(
                "/bucket1/src", Self.text, headers: [("Content-Type", "text/plain"), ("x-amz-meta-a", "1")])
            let replaced = try await client.s3(
                .put, "/bucket1/replaced",
                headers: [
                    ("x-amz-copy-source", "bucket1/src"), ("x-amz-metadata-directive", "REPLACE"),
                    ("Content-Type", "application/json"), ("x-amz-meta-b", "2"),
                ])
            #expect(replaced.status == .ok)
            let head = try await client.s3(.head, "/bucket1/replaced")
            #expect(head.headers[.contentType] == "application/json")
            #expect(Self.header(head, "x-amz-meta-b") == "2")
            #expect(Self.header(head, "x-amz-meta-a") == nil)

            let bad = try await client.s3(
                .put, "/bucket1/bad",
                headers: [("x-amz-copy-source", "bucket1/src"), ("x-amz-metadata-directive", "MERGE")])
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "InvalidArgument")
            #expect(bad.xml("ArgumentName") == "x-amz-metadata-directive")
        }
    }

    @Test func aCopyOntoItselfMustChangeTheMetadataOrTheEncryption() async throws {
        try await S3TestHarness.run { harness, client in
            let key = harness.keys.createKey()
            try await client.put("/bucket1/k", Self.text)
            let same = try await client.s3(.put, "/bucket1/k", headers: [("x-amz-copy-source", "bucket1/k")])
            #expect(same.status == .badRequest)
            #expect(same.errorCode == "InvalidRequest")
            #expect(
                same.xml("Message")
                    == "This copy request is illegal because it is trying to copy an object to itself without "
                    + "changing the object's metadata, storage class, website redirect location or encryption "
                    + "attributes.")
            let reencrypted = try await client.s3(
                .put, "/bucket1/k",
                headers: [
                    ("x-amz-copy-source", "/bucket1/k"), ("x-amz-server-side-encryption", "aws:kms"),
                    ("x-amz-server-side-encryption-aws-kms-key-id", key),
                ])
            #expect(reencrypted.status == .ok, "\(reencrypted.text)")
            let head = try await client.s3(.head, "/bucket1/k")
            #expect(Self.header(head, "x-amz-server-side-encryption-aws-kms-key-id") == key)
            #expect(try await client.get("/bucket1/k").text == Self.text)
        }
    }

    @Test func sourceErrors() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/src", Self.text)
            let missingKey = try await client.s3(.put, "/bucket1/d", headers: [("x-amz-copy-source", "bucket1/nope")])
            #expect(missingKey.status == .notFound)
            #expect(missingKey.errorCode == "NoSuchKey")
            #expect(missingKey.xml("Key") == "nope")
            let missingBucket = try await client.s3(.put, "/bucket1/d", headers: [("x-amz-copy-source", "nob/src")])
            #expect(missingBucket.errorCode == "NoSuchBucket")
            #expect(missingBucket.xml("BucketName") == "nob")
            let missingDestination = try await client.s3(
                .put, "/nob/d", headers: [("x-amz-copy-source", "bucket1/src")])
            #expect(missingDestination.errorCode == "NoSuchBucket")
            for bad in ["bucket1", "bucket1/src?versionId=abc"] {
                let response = try await client.s3(.put, "/bucket1/d", headers: [("x-amz-copy-source", bad)])
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.errorCode == "InvalidArgument", "\(bad)")
            }
            let null = try await client.s3(
                .put, "/bucket1/d", headers: [("x-amz-copy-source", "bucket1/src?versionId=null")])
            #expect(null.status == .ok)
            let encoded = try await client.put("/bucket1/a%20b%2Bc", "spaces")
            #expect(encoded.status == .ok)
            let fromEncoded = try await client.s3(
                .put, "/bucket1/d2", headers: [("x-amz-copy-source", "/bucket1/a%20b%2Bc")])
            #expect(fromEncoded.status == .ok)
            #expect(try await client.get("/bucket1/d2").text == "spaces")
        }
    }

    @Test func copySourceConditionsAnswer412() async throws {
        try await S3TestHarness.run { _, client in
            let put = try await client.put("/bucket1/src", Self.text)
            let etag = try #require(put.headers[.eTag])
            let future = HTTPDate.format(Date().addingTimeInterval(3600))
            let past = HTTPDate.format(Date().addingTimeInterval(-3600))
            let failing: [(String, String, String)] = [
                ("x-amz-copy-source-if-match", "\"0123\"", "x-amz-copy-source-If-Match"),
                ("x-amz-copy-source-if-none-match", etag, "x-amz-copy-source-If-None-Match"),
                ("x-amz-copy-source-if-modified-since", future, "x-amz-copy-source-If-Modified-Since"),
                ("x-amz-copy-source-if-unmodified-since", past, "x-amz-copy-source-If-Unmodified-Since"),
            ]
            for (name, value, condition) in failing {
                let response = try await client.s3(
                    .put, "/bucket1/dst", headers: [("x-amz-copy-source", "bucket1/src"), (name, value)])
                #expect(response.status == .preconditionFailed, "\(name)")
                #expect(response.errorCode == "PreconditionFailed", "\(name)")
                #expect(response.xml("Condition") == condition)
            }
            #expect(try await client.get("/bucket1/dst").errorCode == "NoSuchKey")
            let passing = try await client.s3(
                .put, "/bucket1/dst",
                headers: [
                    ("x-amz-copy-source", "bucket1/src"), ("x-amz-copy-source-if-match", etag),
                    ("x-amz-copy-source-if-none-match", "\"0123\""), ("x-amz-copy-source-if-modified-since", past),
                    ("x-amz-copy-source-if-unmodified-since", future),
                ])
            #expect(passing.status == .ok)
        }
    }

    /// CopyObject needs `s3:GetObject` on the source and `s3:PutObject` on the destination.
    @Test func authorizationNeedsReadOnTheSourceAndWriteOnTheDestination() async throws {
        try await S3TestHarness.with { harness in
            try await harness.store.createBucket("bucket1")
            try await harness.store.createBucket("bucket2")
            let copier = try LimitedUser(
                "copier",
                statements: [
                    LimitedUser.allow(["s3:GetObject"], on: ["arn:aws:s3:::bucket1/public/*"]),
                    LimitedUser.allow(["s3:PutObject"], on: ["arn:aws:s3:::bucket2/*"]),
                ])
            try await harness.test(users: [copier.credential]) { client in
                try await client.put("/bucket1/public/a", Self.text)
                try await client.put("/bucket1/secret", Self.text)
                try await client.put("/bucket2/b", Self.text)
                let allowed = try await client.s3(
                    .put, "/bucket2/copy", headers: [("x-amz-copy-source", "bucket1/public/a")], auth: copier.auth)
                #expect(allowed.status == .ok, "\(allowed.text)")
                for (source, destination) in [
                    ("bucket1/secret", "/bucket2/copy2"), ("bucket1/public/a", "/bucket1/public/copy"),
                    ("bucket2/b", "/bucket2/copy3"),
                ] {
                    let denied = try await client.s3(
                        .put, destination, headers: [("x-amz-copy-source", source)], auth: copier.auth)
                    #expect(denied.status == .forbidden, "\(source) → \(destination)")
                    #expect(denied.errorCode == "AccessDenied")
                }
                #expect(try await client.get("/bucket2/copy2").errorCode == "NoSuchKey")
                #expect(try await client.get("/bucket1/public/copy").errorCode == "NoSuchKey")
            }
        }
    }

    @Test func sigV2MayNotCopyToOrFromSSEKMS() async throws {
        try await S3TestHarness.run { harness, client in
            let key = harness.keys.createKey()
            try await client.put("/bucket1/plain", Self.text)
            try await client.put(
                "/bucket1/kms", Self.text,
                headers: [
                    ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", key),
                ])
            let fromKMS = try await client.s3(
                .put, "/bucket1/c1", headers: [("x-amz-copy-source", "bucket1/kms")], auth: .sigV2Header)
            #expect(fromKMS.errorCode == "InvalidArgument")
            let toKMS = try await client.s3(
                .put, "/bucket1/c2",
                headers: [("x-amz-copy-source", "bucket1/plain"), ("x-amz-server-side-encryption", "aws:kms")],
                auth: .sigV2Header)
            #expect(toKMS.errorCode == "InvalidArgument")
            let plain = try await client.s3(
                .put, "/bucket1/c3", headers: [("x-amz-copy-source", "bucket1/plain")], auth: .sigV2Header)
            #expect(plain.status == .ok, "\(plain.text)")
        }
    }
}
