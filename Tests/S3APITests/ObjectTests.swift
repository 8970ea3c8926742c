import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ObjectTests {
    static let text = "The quick brown fox jumps over the lazy dog"
    static let md5Hex = "9e107d9d372bb6826bd81d3542a419d6"

    @Test func putGetHeadAndDeleteAnObjectWithItsMetadata() async throws {
        try await S3TestHarness.run { _, client in
            let put = try await client.put(
                "/bucket1/docs/fox.txt", Self.text,
                headers: [
                    ("Content-Type", "text/plain"), ("Content-Language", "en"), ("Cache-Control", "max-age=60"),
                    ("Content-Disposition", "attachment"), ("Expires", "Thu, 01 Dec 1994 16:00:00 GMT"),
                    ("x-amz-meta-course", "kms"), ("X-Amz-Meta-Term", "fall"),
                ])
            #expect(put.status == .ok)
            #expect(put.headers[.eTag] == "\"\(Self.md5Hex)\"")
            #expect(put.headers[HTTPField.Name("x-amz-server-side-encryption")!] == "AES256")

            let get = try await client.get("/bucket1/docs/fox.txt")
            #expect(get.status == .ok)
            #expect(get.text == Self.text)
            #expect(get.headers[.eTag] == "\"\(Self.md5Hex)\"")
            #expect(get.headers[.contentType] == "text/plain")
            #expect(get.headers[.contentLanguage] == "en")
            #expect(get.headers[.cacheControl] == "max-age=60")
            #expect(get.headers[.contentDisposition] == "attachment")
            #expect(get.headers[.expires] == "Thu, 01 Dec 1994 16:00:00 GMT")
            #expect(get.headers[HTTPField.Name("x-amz-meta-course")!] == "kms")
            #expect(get.headers[HTTPField.Name("x-amz-meta-term")!] == "fall")
            #expect(get.headers[.acceptRanges] == "bytes")
            #expect(get.headers[.lastModified]?.hasSuffix(" GMT") == true)
            #expect(get.headers[HTTPField.Name("x-amz-server-side-encryption")!] == "AES256")

            let head = try await client.s3(.head, "/bucket1/docs/fox.txt")
            #expect(head.status == .ok)
            #expect(head.headers[.contentLength] == "\(Self.text.utf8.count)")
            #expect(head.body.readableBytes == 0)

            #expect(try await client.s3(.delete, "/bucket1/docs/fox.txt").status == .noContent)
            #expect(try await client.s3(.delete, "/bucket1/docs/fox.txt").status == .noContent)
            let gone = try await client.get("/bucket1/docs/fox.txt")
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "NoSuchKey")
            #expect(gone.xml("Key") == "docs/fox.txt")
            let headGone = try await client.s3(.head, "/bucket1/docs/fox.txt")
            #expect(headGone.status == .notFound)
            #expect(headGone.body.readableBytes == 0)
        }
    }

    @Test func keysAreDecodedOnceAndNeverNormalised() async throws {
        try await S3TestHarness.run { _, client in
            for path in ["/bucket1/a%20b/c%2Bd", "/bucket1/x//y", "/bucket1/./dot", "/bucket1/%E2%82%AC"] {
                #expect(try await client.put(path, path).status == .ok, "\(path)")
                #expect(try await client.get(path).text == path, "\(path)")
            }
            let list = try await client.get("/bucket1", query: "list-type=2")
            #expect(Set(list.xmlAll("Key")) == ["a b/c+d", "x//y", "./dot", "€"])
        }
    }

    @Test func emptyObjectsAndDefaultContentType() async throws {
        try await S3TestHarness.run { _, client in
            #expect(try await client.put("/bucket1/empty", "").status == .ok)
            let get = try await client.get("/bucket1/empty")
            #expect(get.status == .ok)
            #expect(get.body.readableBytes == 0)
            #expect(get.headers[.contentType] == "binary/octet-stream")
            #expect(get.headers[.eTag] == "\"d41d8cd98f00b204e9800998ecf8427e\"")
        }
    }

    @Test func contentMD5IsVerified() async throws {
        try await S3TestHarness.run { _, client in
            let good = Data(Insecure.MD5.hash(data: Data(Self.text.utf8))).base64EncodedString()
            #expect(try await client.put("/bucket1/good", Self.text, headers: [("Content-MD5", good)]).status == .ok)

            let wrong = Data(Insecure.MD5.hash(data: Data("other".utf8))).base64EncodedString()
            let bad = try await client.put("/bucket1/bad", Self.text, headers: [("Content-MD5", wrong)])
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "BadDigest")
            #expect(bad.xml("CalculatedDigest") == good)
            #expect(try await client.get("/bucket1/bad").errorCode == "NoSuchKey")

            let invalid = try await client.put("/bucket1/invalid", Self.text, headers: [("Content-MD5", "not-md5")])
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorCode == "InvalidDigest")
        }
    }

    @Test(arguments: [
        ("x-amz-checksum-crc32", "QU+jOQ=="), ("x-amz-checksum-crc32c", "ImIEBA=="),
        ("x-amz-checksum-crc64nvme", "12xUBUlUwUM="),
        ("x-amz-checksum-sha1", "L9ThxnotKPzthJ7hu3bnORuT6xI="),
        ("x-amz-checksum-sha256", "16j7swfXgJRpypq8sAguT41WUeRtPNt2LQLQvzfJ5ZI="),
    ])
    func checksumHeadersAreVerifiedAndReturned(header: String, value: String) async throws {
        try await S3TestHarness.run { _, client in
            let put = try await client.put("/bucket1/sum", Self.text, headers: [(header, value)])
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.headers[HTTPField.Name(header)!] == value)
            let plain = try await client.get("/bucket1/sum")
            #expect(plain.headers[HTTPField.Name(header)!] == nil)
            let get = try await client.get("/bucket1/sum", headers: [("x-amz-checksum-mode", "ENABLED")])
            #expect(get.headers[HTTPField.Name(header)!] == value)

            let bad = try await client.put("/bucket1/bad", "other text", headers: [(header, value)])
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "BadDigest")
            let algorithm = header.dropFirst("x-amz-checksum-".count).uppercased()
            #expect(bad.xml("Message") == "The \(algorithm) you specified did not match the calculated checksum.")
            let malformed = try await client.put("/bucket1/bad", Self.text, headers: [(header, "!!")])
            #expect(malformed.errorCode == "InvalidRequest")
            #expect(malformed.xml("Message") == "Value for \(header) header is invalid.")
            #expect(try await client.get("/bucket1/bad").errorCode == "NoSuchKey")
        }
    }

    @Test func sdkChecksumAlgorithmWithoutValueIsComputedAndStored() async throws {
        try await S3TestHarness.run { _, client in
            let put = try await client.put(
                "/bucket1/sum", Self.text, headers: [("x-amz-sdk-checksum-algorithm", "CRC32")])
            #expect(put.headers[HTTPField.Name("x-amz-checksum-crc32")!] == "QU+jOQ==")
        }
    }

    @Test func responseOverridesReplaceHeaders() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/o", "x", headers: [("Content-Type", "text/plain")])
            let get = try await client.get(
                "/bucket1/o",
                query: "response-content-type=application%2Fjson&response-content-disposition=inline"
                    + "&response-cache-control=no-cache&response-content-language=fr"
                    + "&response-expires=Thu%2C%2001%20Dec%201994%2016%3A00%3A00%20GMT&response-content-encoding=gzip")
            #expect(get.headers[.contentType] == "application/json")
            #expect(get.headers[.contentDisposition] == "inline")
            #expect(get.headers[.cacheControl] == "no-cache")
            #expect(get.headers[.contentLanguage] == "fr")
            #expect(get.headers[.expires] == "Thu, 01 Dec 1994 16:00:00 GMT")
            #expect(get.headers[.contentEncoding] == "gzip")
        }
    }

    @Test func cannedACLIsStoredAndPublicReadOpensAnonymousReads() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/public", "hello", headers: [("x-amz-acl", "public-read")])
            try await client.put("/bucket1/private", "secret")
            let anonymous = try await client.get("/bucket1/public", auth: .anonymous)
            #expect(anonymous.status == .ok)
            #expect(anonymous.text == "hello")
            #expect(try await client.s3(.head, "/bucket1/public", auth: .anonymous).status == .ok)
            let acl = try await client.get("/bucket1/public", query: "acl")
            #expect(acl.xmlAll("Permission") == ["FULL_CONTROL", "READ"])

            let denied = try await client.get("/bucket1/private", auth: .anonymous)
            #expect(denied.status == .forbidden)
            #expect(denied.errorCode == "AccessDenied")
            #expect(try await client.get("/bucket1/missing", auth: .anonymous).errorCode == "AccessDenied")
            #expect(try await client.put("/bucket1/anon", "x", auth: .anonymous).errorCode == "AccessDenied")
            #expect(try await client.get("/", auth: .anonymous).errorCode == "AccessDenied")
            #expect(try await client.get("/bucket1", auth: .anonymous).errorCode == "AccessDenied")

            let invalid = try await client.put("/bucket1/x", "x", headers: [("x-amz-acl", "everyone")])
            #expect(invalid.errorCode == "InvalidArgument")
        }
    }

    @Test func userMetadataOver2KBIsRefused() async throws {
        try await S3TestHarness.run { _, client in
            let big = String(repeating: "v", count: 2100)
            let response = try await client.put("/bucket1/big", "x", headers: [("x-amz-meta-big", big)])
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "MetadataTooLarge")
        }
    }

    @Test func sseHeadersOnReadsAreRefused() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/o", "x")
            let get = try await client.get("/bucket1/o", headers: [("x-amz-server-side-encryption", "aws:kms")])
            #expect(get.status == .badRequest)
            #expect(get.errorCode == "InvalidArgument")
            let head = try await client.s3(.head, "/bucket1/o", headers: [("x-amz-server-side-encryption", "AES256")])
            #expect(head.status == .badRequest)
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func versionIdNullIsTheOnlyVersion() async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/o", "x")
            #expect(try await client.get("/bucket1/o", query: "versionId=null").text == "x")
            #expect(try await client.get("/bucket1/o", query: "versionId=abc").errorCode == "InvalidArgument")
        }
    }
}
