import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// GET and HEAD with `?partNumber=N`: part N of a multipart object as a range, as AWS serves it.
@Suite struct PartNumberGetTests {
    static let partsCount = "x-amz-mp-parts-count"

    /// Uploads `parts` (text by part number) and completes the upload with those part numbers, SSE-KMS.
    static func multipartObject(
        _ harness: S3TestHarness, _ client: any TestClientProtocol, key: String, parts: [(Int, String)]
    ) async throws {
        let arn = harness.keys.createKey()
        let created = try await client.s3(
            .post, "/bucket1/\(key)", query: "uploads",
            headers: [(MultipartTests.sse, "aws:kms"), (MultipartTests.keyIdHeader, arn)])
        let uploadId = try #require(created.xml("UploadId"))
        var etags: [(Int, String)] = []
        for (number, text) in parts {
            let part = try await client.s3(
                .put, "/bucket1/\(key)", query: "partNumber=\(number)&uploadId=\(uploadId)",
                body: ByteBuffer(string: text))
            etags.append((number, try #require(part.headers[.eTag])))
        }
        let completed = try await client.s3(
            .post, "/bucket1/\(key)", query: "uploadId=\(uploadId)", body: MultipartTests.completion(etags))
        try #require(completed.status == .ok)
    }

    static let threeParts = [(1, MultipartTests.partA), (2, MultipartTests.partB), (3, MultipartTests.partC)]

    @Test func getAndHeadServeOnePartOfAMultipartObject() async throws {
        try await MultipartTests.run { harness, client in
            try await Self.multipartObject(harness, client, key: "video", parts: Self.threeParts)
            let whole = try await client.get("/bucket1/video")
            #expect(MultipartTests.header(whole, Self.partsCount) == nil)
            let etag = try #require(whole.headers[.eTag])

            let second = try await client.get("/bucket1/video", query: "partNumber=2")
            #expect(second.status == .partialContent)
            #expect(second.text == MultipartTests.partB)
            #expect(second.headers[.contentLength] == "1100")
            #expect(second.headers[.contentRange] == "bytes 1500-2599/2607")
            #expect(MultipartTests.header(second, Self.partsCount) == "3")
            #expect(second.headers[.eTag] == etag)
            #expect(MultipartTests.header(second, MultipartTests.sse) == "aws:kms")

            let last = try await client.get("/bucket1/video", query: "partNumber=3")
            #expect(last.text == MultipartTests.partC)
            #expect(last.headers[.contentRange] == "bytes 2600-2606/2607")

            let head = try await client.s3(.head, "/bucket1/video", query: "partNumber=1")
            #expect(head.status == .partialContent)
            #expect(head.headers[.contentLength] == "1500")
            #expect(head.headers[.contentRange] == "bytes 0-1499/2607")
            #expect(MultipartTests.header(head, Self.partsCount) == "3")
            #expect(head.headers[.eTag] == etag)
        }
    }

    @Test func aPartPastTheLastIsInvalidPartNumber() async throws {
        try await MultipartTests.run { harness, client in
            try await Self.multipartObject(harness, client, key: "video", parts: Self.threeParts)
            let get = try await client.get("/bucket1/video", query: "partNumber=4")
            #expect(get.status == .rangeNotSatisfiable)
            #expect(get.errorCode == "InvalidPartNumber")
            #expect(get.xml("Message") == "The requested partnumber is not satisfiable")
            #expect(get.xml("ActualPartCount") == "3")
            #expect(get.xml("PartNumberRequested") == "4")
            let head = try await client.s3(.head, "/bucket1/video", query: "partNumber=4")
            #expect(head.status == .rangeNotSatisfiable)
        }
    }

    /// Part numbers count the completed object's parts in order, whatever numbers they were uploaded with.
    @Test func partNumbersAreOrdinalsOfTheCompletedParts() async throws {
        try await MultipartTests.run { harness, client in
            try await Self.multipartObject(
                harness, client, key: "gaps", parts: [(2, MultipartTests.partA), (7, MultipartTests.partC)])
            let second = try await client.get("/bucket1/gaps", query: "partNumber=2")
            #expect(second.status == .partialContent)
            #expect(second.text == MultipartTests.partC)
            #expect(MultipartTests.header(second, Self.partsCount) == "2")
            #expect(try await client.get("/bucket1/gaps", query: "partNumber=3").status == .rangeNotSatisfiable)
        }
    }

    /// AWS serves part 1 of a single-part object as a 206 of the whole object, without `x-amz-mp-parts-count`.
    @Test func partOneOfASinglePartObjectIsTheWholeObjectAsARange() async throws {
        try await MultipartTests.run { _, client in
            try await client.put("/bucket1/small", "hello world")
            let get = try await client.get("/bucket1/small", query: "partNumber=1")
            #expect(get.status == .partialContent)
            #expect(get.text == "hello world")
            #expect(get.headers[.contentRange] == "bytes 0-10/11")
            #expect(MultipartTests.header(get, Self.partsCount) == nil)
            let head = try await client.s3(.head, "/bucket1/small", query: "partNumber=1")
            #expect(head.status == .partialContent)
            #expect(head.headers[.contentLength] == "11")
            let second = try await client.get("/bucket1/small", query: "partNumber=2")
            #expect(second.status == .rangeNotSatisfiable)
            #expect(second.xml("ActualPartCount") == "1")
        }
    }

    @Test(arguments: ["0", "10001", "abc", "-1", ""])
    func aPartNumberOutsideOneToTenThousandIsInvalidArgument(_ value: String) async throws {
        try await MultipartTests.run { _, client in
            try await client.put("/bucket1/small", "hello world")
            let get = try await client.get("/bucket1/small", query: "partNumber=\(value)")
            #expect(get.status == .badRequest)
            #expect(get.errorCode == "InvalidArgument")
            #expect(get.xml("ArgumentName") == "partNumber")
        }
    }

    @Test func aPartNumberWithARangeIsInvalidRequest() async throws {
        try await MultipartTests.run { _, client in
            try await client.put("/bucket1/small", "hello world")
            let get = try await client.get(
                "/bucket1/small", query: "partNumber=1", headers: [("Range", "bytes=0-1")])
            #expect(get.status == .badRequest)
            #expect(get.errorCode == "InvalidRequest")
            #expect(get.xml("Message") == "Cannot specify both Range header and partNumber query parameter")
        }
    }
}
