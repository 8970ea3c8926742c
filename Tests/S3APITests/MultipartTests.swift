import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import TestSupport
import Testing

/// Multipart upload over HTTP: every operation and error, with small parts (minimum part size 1 KiB).
@Suite struct MultipartTests {
    static let sse = "x-amz-server-side-encryption"
    static let keyIdHeader = "x-amz-server-side-encryption-aws-kms-key-id"
    static let bucketKeyHeader = "x-amz-server-side-encryption-bucket-key-enabled"
    static let partA = String(repeating: "a", count: 1500)
    static let partB = String(repeating: "b", count: 1100)
    static let partC = "the end"

    static func run(_ body: @Sendable @escaping (S3TestHarness, any TestClientProtocol) async throws -> Void)
        async throws
    {
        try await S3TestHarness.run(configure: { $0.minimumPartSize = 1024 }, body)
    }

    static func header(_ response: TestResponse, _ name: String) -> String? {
        response.headers[HTTPField.Name(name)!]
    }

    static func completion(_ parts: [(Int, String)]) -> ByteBuffer {
        let entries = parts.map { "<Part><PartNumber>\($0.0)</PartNumber><ETag>\($0.1)</ETag></Part>" }
        return ByteBuffer(string: "<CompleteMultipartUpload>\(entries.joined())</CompleteMultipartUpload>")
    }

    @Test func createUploadListCompleteAndReadBackWithSSEKMSAndBucketKeys() async throws {
        try await Self.run { harness, client in
            let arn = harness.keys.createKey()
            let sseHeaders = [(Self.sse, "aws:kms"), (Self.keyIdHeader, arn), (Self.bucketKeyHeader, "true")]
            let created = try await client.s3(.post, "/bucket1/dir/video.bin", query: "uploads", headers: sseHeaders)
            #expect(created.status == .ok)
            #expect(created.xml("Bucket") == "bucket1")
            #expect(created.xml("Key") == "dir/video.bin")
            let uploadId = try #require(created.xml("UploadId"))
            #expect(Self.header(created, Self.sse) == "aws:kms")
            #expect(Self.header(created, Self.keyIdHeader) == arn)
            #expect(Self.header(created, Self.bucketKeyHeader) == "true")

            var etags: [String] = []
            for (number, text) in [(1, Self.partA), (2, Self.partB), (3, Self.partC)] {
                let part = try await client.s3(
                    .put, "/bucket1/dir/video.bin", query: "partNumber=\(number)&uploadId=\(uploadId)",
                    body: ByteBuffer(string: text))
                #expect(part.status == .ok)
                #expect(part.headers[.eTag] == "\"\(Hex.md5(text))\"")
                #expect(Self.header(part, Self.sse) == "aws:kms")
                #expect(Self.header(part, Self.bucketKeyHeader) == "true")
                etags.append(try #require(part.headers[.eTag]))
            }
            let listed = try await client.get("/bucket1/dir/video.bin", query: "uploadId=\(uploadId)")
            #expect(listed.status == .ok)
            #expect(listed.xmlAll("PartNumber") == ["1", "2", "3"])
            #expect(listed.xmlAll("Size") == ["1500", "1100", "7"])
            let uploads = try await client.get("/bucket1", query: "uploads")
            #expect(uploads.xmlAll("UploadId") == [uploadId])

            let completed = try await client.s3(
                .post, "/bucket1/dir/video.bin", query: "uploadId=\(uploadId)",
                body: Self.completion([(1, etags[0]), (2, etags[1]), (3, etags[2])]))
            #expect(completed.status == .ok)
            let etag = try #require(completed.xml("ETag"))
            #expect(etag.hasSuffix("-3\"") || etag.hasSuffix("-3&quot;"))
            #expect(Self.header(completed, Self.sse) == "aws:kms")
            #expect(Self.header(completed, Self.keyIdHeader) == arn)

            let get = try await client.get("/bucket1/dir/video.bin")
            #expect(get.text == Self.partA + Self.partB + Self.partC)
            #expect(get.headers[.eTag]?.hasSuffix("-3\"") == true)
            let range = try await client.get("/bucket1/dir/video.bin", headers: [("Range", "bytes=1495-1504")])
            #expect(range.status == .partialContent)
            #expect(range.text == "aaaaabbbbb")
            let list = try await client.get("/bucket1", query: "list-type=2")
            #expect(list.xml("Size") == "2607")
            #expect(list.xml("ETag")?.contains("-3") == true)
            #expect(try await client.get("/bucket1", query: "uploads").xmlAll("UploadId").isEmpty)
        }
    }

    @Test func completeRefusesBadPartListsWithS3Errors() async throws {
        try await Self.run { _, client in
            let uploadId = try #require(try await client.s3(.post, "/bucket1/k", query: "uploads").xml("UploadId"))
            var etags: [String] = []
            for (number, text) in [(1, "small"), (2, Self.partA), (3, Self.partB)] {
                let part = try await client.s3(
                    .put, "/bucket1/k", query: "partNumber=\(number)&uploadId=\(uploadId)",
                    body: ByteBuffer(string: text))
                etags.append(try #require(part.headers[.eTag]))
            }
            let cases: [(ByteBuffer, HTTPResponse.Status, String)] = [
                (Self.completion([(2, etags[1]), (1, etags[0])]), .badRequest, "InvalidPartOrder"),
                (Self.completion([(2, etags[1]), (4, etags[0])]), .badRequest, "InvalidPart"),
                (Self.completion([(2, etags[0]), (3, etags[2])]), .badRequest, "InvalidPart"),
                (Self.completion([(1, etags[0]), (2, etags[1])]), .badRequest, "EntityTooSmall"),
                (
                    ByteBuffer(string: "<CompleteMultipartUpload></CompleteMultipartUpload>"), .badRequest,
                    "MalformedXML"
                ),
                (ByteBuffer(string: "<CompleteMultipartUpload><Part>"), .badRequest, "MalformedXML"),
            ]
            for (body, status, code) in cases {
                let response = try await client.s3(.post, "/bucket1/k", query: "uploadId=\(uploadId)", body: body)
                #expect(response.status == status, "\(code)")
                #expect(response.errorCode == code)
            }
            // The upload survived every refusal; a valid list (small last part) completes it.
            let done = try await client.s3(
                .post, "/bucket1/k", query: "uploadId=\(uploadId)",
                body: Self.completion([(2, etags[1]), (3, etags[2])]))
            #expect(done.status == .ok)
        }
    }

    @Test func unknownUploadsAndBadPartNumbersAreRefused() async throws {
        try await Self.run { _, client in
            let missing = "0123456789abcdef0123456789abcdef"
            let put = try await client.s3(
                .put, "/bucket1/k", query: "partNumber=1&uploadId=\(missing)", body: ByteBuffer(string: "x"))
            #expect(put.status == .notFound)
            #expect(put.errorCode == "NoSuchUpload")
            #expect(put.xml("UploadId") == missing)
            for query in ["uploadId=\(missing)"] {
                #expect(try await client.get("/bucket1/k", query: query).errorCode == "NoSuchUpload")
                #expect(try await client.s3(.delete, "/bucket1/k", query: query).errorCode == "NoSuchUpload")
                #expect(
                    try await client.s3(.post, "/bucket1/k", query: query, body: Self.completion([(1, "\"x\"")]))
                        .errorCode == "NoSuchUpload")
            }
            let uploadId = try #require(try await client.s3(.post, "/bucket1/k", query: "uploads").xml("UploadId"))
            for number in ["0", "10001", "x"] {
                let bad = try await client.s3(
                    .put, "/bucket1/k", query: "partNumber=\(number)&uploadId=\(uploadId)",
                    body: ByteBuffer(string: "x"))
                #expect(bad.status == .badRequest)
                #expect(bad.errorCode == "InvalidArgument")
            }
            // Another key cannot use this upload id.
            let other = try await client.s3(
                .put, "/bucket1/other", query: "partNumber=1&uploadId=\(uploadId)", body: ByteBuffer(string: "x"))
            #expect(other.errorCode == "NoSuchUpload")
            let noBucket = try await client.s3(.post, "/nobucket/k", query: "uploads")
            #expect(noBucket.errorCode == "NoSuchBucket")
        }
    }

    @Test func abortRemovesTheUploadAndListPartsPaginates() async throws {
        try await Self.run { harness, client in
            let uploadId = try #require(try await client.s3(.post, "/bucket1/k", query: "uploads").xml("UploadId"))
            for number in 1...3 {
                try await client.s3(
                    .put, "/bucket1/k", query: "partNumber=\(number)&uploadId=\(uploadId)",
                    body: ByteBuffer(string: "p"))
            }
            let page = try await client.get("/bucket1/k", query: "max-parts=2&uploadId=\(uploadId)")
            #expect(page.xmlAll("PartNumber") == ["1", "2"])
            #expect(page.xml("IsTruncated") == "true")
            #expect(page.xml("NextPartNumberMarker") == "2")
            let rest = try await client.get("/bucket1/k", query: "part-number-marker=2&uploadId=\(uploadId)")
            #expect(rest.xmlAll("PartNumber") == ["3"])
            #expect(
                try await client.get("/bucket1/k", query: "max-parts=-1&uploadId=\(uploadId)").errorCode
                    == "InvalidArgument")
            let abort = try await client.s3(.delete, "/bucket1/k", query: "uploadId=\(uploadId)")
            #expect(abort.status == .noContent)
            #expect(try await client.get("/bucket1/k", query: "uploadId=\(uploadId)").errorCode == "NoSuchUpload")
            let objects = FileManager.default.enumerator(atPath: harness.directory + "/objects")
            var blobs = 0
            while let path = objects?.nextObject() as? String { if path.count == 35 { blobs += 1 } }
            #expect(blobs == 0)
        }
    }

    @Test func listMultipartUploadsHonoursPrefixDelimiterAndMaxUploads() async throws {
        try await Self.run { _, client in
            for key in ["logs/a", "logs/b", "photos/x", "readme"] {
                #expect(try await client.s3(.post, "/bucket1/\(key)", query: "uploads").status == .ok)
            }
            let rolled = try await client.get("/bucket1", query: "delimiter=%2F&uploads")
            #expect(rolled.xmlAll("Prefix").contains("logs/"))
            #expect(rolled.xmlAll("Key") == ["readme"])
            let page = try await client.get("/bucket1", query: "max-uploads=2&uploads")
            #expect(page.xmlAll("Key") == ["logs/a", "logs/b"])
            #expect(page.xml("IsTruncated") == "true")
            #expect(page.xml("NextKeyMarker") == "logs/b")
            let next = try await client.get("/bucket1", query: "key-marker=logs%2Fb&uploads")
            #expect(next.xmlAll("Key") == ["photos/x", "readme"])
            let prefixed = try await client.get("/bucket1", query: "prefix=photos&uploads")
            #expect(prefixed.xmlAll("Key") == ["photos/x"])
        }
    }

    @Test func checksumsOnPartsAndACompositeObjectChecksum() async throws {
        try await Self.run { _, client in
            let created = try await client.s3(
                .post, "/bucket1/k", query: "uploads", headers: [("x-amz-checksum-algorithm", "SHA256")])
            #expect(Self.header(created, "x-amz-checksum-algorithm") == "SHA256")
            #expect(Self.header(created, "x-amz-checksum-type") == "COMPOSITE")
            let uploadId = try #require(created.xml("UploadId"))
            let sum = Data(SHA256.hash(data: Data(Self.partA.utf8))).base64EncodedString()
            let wrong = try await client.s3(
                .put, "/bucket1/k", query: "partNumber=1&uploadId=\(uploadId)",
                headers: [("x-amz-checksum-sha256", sum)], body: ByteBuffer(string: Self.partB))
            #expect(wrong.errorCode == "BadDigest")
            let part = try await client.s3(
                .put, "/bucket1/k", query: "partNumber=1&uploadId=\(uploadId)",
                headers: [("x-amz-checksum-sha256", sum)], body: ByteBuffer(string: Self.partA))
            #expect(Self.header(part, "x-amz-checksum-sha256") == sum)
            let etag = try #require(part.headers[.eTag])
            let body = ByteBuffer(
                string: "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(etag)</ETag>"
                    + "<ChecksumSHA256>\(sum)</ChecksumSHA256></Part></CompleteMultipartUpload>")
            let done = try await client.s3(.post, "/bucket1/k", query: "uploadId=\(uploadId)", body: body)
            let expected = Data(SHA256.hash(data: Data(base64Encoded: sum)!)).base64EncodedString() + "-1"
            #expect(done.xml("ChecksumSHA256") == expected)
            #expect(done.xml("ChecksumType") == "COMPOSITE")
            let head = try await client.s3(.head, "/bucket1/k", headers: [("x-amz-checksum-mode", "ENABLED")])
            #expect(Self.header(head, "x-amz-checksum-sha256") == expected)
        }
    }

    @Test func conditionalCompleteAnswers412() async throws {
        try await Self.run { _, client in
            try await client.put("/bucket1/k", "existing")
            let uploadId = try #require(try await client.s3(.post, "/bucket1/k", query: "uploads").xml("UploadId"))
            let part = try await client.s3(
                .put, "/bucket1/k", query: "partNumber=1&uploadId=\(uploadId)", body: ByteBuffer(string: "new"))
            let body = Self.completion([(1, try #require(part.headers[.eTag]))])
            let refused = try await client.s3(
                .post, "/bucket1/k", query: "uploadId=\(uploadId)", headers: [("If-None-Match", "*")], body: body)
            #expect(refused.status == .preconditionFailed)
            #expect(refused.errorCode == "PreconditionFailed")
            let mismatch = try await client.s3(
                .post, "/bucket1/k", query: "uploadId=\(uploadId)", headers: [("If-Match", "\"abc\"")], body: body)
            #expect(mismatch.status == .preconditionFailed)
            let current = "\"\(Hex.md5("existing"))\""
            let done = try await client.s3(
                .post, "/bucket1/k", query: "uploadId=\(uploadId)", headers: [("If-Match", current)], body: body)
            #expect(done.status == .ok)
            #expect(try await client.get("/bucket1/k").text == "new")
        }
    }

    @Test func uploadPartCopyStreamsRangesOfAnEncryptedSourceIntoParts() async throws {
        try await Self.run { harness, client in
            let arn = harness.keys.createKey()
            let text = Self.partA + Self.partB
            try await client.put("/bucket1/source", text, headers: [(Self.sse, "aws:kms"), (Self.keyIdHeader, arn)])
            let uploadId = try #require(try await client.s3(.post, "/bucket1/copy", query: "uploads").xml("UploadId"))
            let first = try await client.s3(
                .put, "/bucket1/copy", query: "partNumber=1&uploadId=\(uploadId)",
                headers: [("x-amz-copy-source", "/bucket1/source"), ("x-amz-copy-source-range", "bytes=0-1099")])
            #expect(first.status == .ok)
            #expect(first.xml("ETag") != nil)
            #expect(Self.header(first, Self.sse) == "AES256")
            let second = try await client.s3(
                .put, "/bucket1/copy", query: "partNumber=2&uploadId=\(uploadId)",
                headers: [("x-amz-copy-source", "bucket1/source"), ("x-amz-copy-source-range", "bytes=1400-2599")])
            let quote = "\""
            let etags = [first, second].map { ($0.xml("ETag") ?? "").replacingOccurrences(of: "&quot;", with: quote) }
            let expectedFirst = quote + Hex.md5(String(text.prefix(1100))) + quote
            #expect(etags[0] == expectedFirst)
            let badRange = try await client.s3(
                .put, "/bucket1/copy", query: "partNumber=3&uploadId=\(uploadId)",
                headers: [("x-amz-copy-source", "/bucket1/source"), ("x-amz-copy-source-range", "bytes=0-9999")])
            #expect(badRange.errorCode == "InvalidArgument")
            let noSource = try await client.s3(
                .put, "/bucket1/copy", query: "partNumber=3&uploadId=\(uploadId)",
                headers: [("x-amz-copy-source", "/bucket1/missing")])
            #expect(noSource.errorCode == "NoSuchKey")
            let failed = try await client.s3(
                .put, "/bucket1/copy", query: "partNumber=3&uploadId=\(uploadId)",
                headers: [
                    ("x-amz-copy-source", "/bucket1/source"), ("x-amz-copy-source-if-match", quote + "nope" + quote),
                ])
            #expect(failed.status == .preconditionFailed)
            let done = try await client.s3(
                .post, "/bucket1/copy", query: "uploadId=\(uploadId)",
                body: Self.completion([(1, etags[0]), (2, etags[1])]))
            #expect(done.status == .ok)
            let chars = Array(text)
            #expect(try await client.get("/bucket1/copy").text == String(chars[0..<1100] + chars[1400..<2600]))
        }
    }
}

enum Hex {
    /// The lower-case hex MD5 of `text`.
    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
