import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ObjectStore
import Testing

@Suite struct RangeAndConditionalTests {
    static let content = "0123456789"

    struct RangeCase: Sendable, CustomTestStringConvertible {
        var header: String
        var status: HTTPResponse.Status
        var body: String?
        var contentRange: String?
        var testDescription: String { header }
    }

    static let ranges: [RangeCase] = [
        .init(header: "bytes=0-4", status: .partialContent, body: "01234", contentRange: "bytes 0-4/10"),
        .init(header: "bytes=5-", status: .partialContent, body: "56789", contentRange: "bytes 5-9/10"),
        .init(header: "bytes=-3", status: .partialContent, body: "789", contentRange: "bytes 7-9/10"),
        .init(header: "bytes=8-100", status: .partialContent, body: "89", contentRange: "bytes 8-9/10"),
        .init(header: "bytes=-20", status: .partialContent, body: content, contentRange: "bytes 0-9/10"),
        .init(header: "bytes=9-9", status: .partialContent, body: "9", contentRange: "bytes 9-9/10"),
        .init(header: "bytes=10-", status: .rangeNotSatisfiable),
        .init(header: "bytes=10-20", status: .rangeNotSatisfiable),
        .init(header: "bytes=-0", status: .rangeNotSatisfiable),
        .init(header: "bytes=abc", status: .ok, body: content),
        .init(header: "bytes=0-1,3-4", status: .ok, body: content),
        .init(header: "items=0-1", status: .ok, body: content),
    ]

    @Test(arguments: ranges)
    func rangeGet(_ range: RangeCase) async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/digits", Self.content)
            let get = try await client.get("/bucket1/digits", headers: [("Range", range.header)])
            #expect(get.status == range.status)
            if let body = range.body {
                #expect(get.text == body)
                #expect(get.headers[.contentLength] == "\(body.utf8.count)")
            } else {
                #expect(get.errorCode == "InvalidRange")
                #expect(get.xml("RangeRequested") == range.header)
                #expect(get.xml("ActualObjectSize") == "10")
            }
            #expect(get.headers[.contentRange] == range.contentRange)

            let head = try await client.s3(.head, "/bucket1/digits", headers: [("Range", range.header)])
            #expect(head.status == range.status)
            #expect(head.body.readableBytes == 0)
            if let body = range.body { #expect(head.headers[.contentLength] == "\(body.utf8.count)") }
        }
    }

    @Test func rangesAcrossSegmentsOfALargerObject() async throws {
        try await S3TestHarness.with(segmentSize: 4096) { harness in
            try await harness.store.createBucket("bucket1")
            try await harness.test { client in
                let bytes = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
                try await client.s3(.put, "/bucket1/big", body: ByteBuffer(bytes: bytes))
                for (first, last) in [(0, 4095), (4095, 4096), (4000, 20_000), (49_999, 49_999), (12_288, 16_383)] {
                    let get = try await client.get("/bucket1/big", headers: [("Range", "bytes=\(first)-\(last)")])
                    #expect(Array(get.body.readableBytesView) == Array(bytes[first...last]), "\(first)-\(last)")
                }
            }
        }
    }

    struct Condition: Sendable, CustomTestStringConvertible {
        var headers: [(String, String)]
        var status: HTTPResponse.Status
        var testDescription: String { headers.map { "\($0.0): \($0.1)" }.joined(separator: ", ") }
    }

    static let etag = "\"781e5e245d69b566979b86e28d23f2c7\""
    static let past = "Sat, 01 Jan 2000 00:00:00 GMT"
    static let future = "Fri, 01 Jan 2100 00:00:00 GMT"

    static let conditions: [Condition] = [
        .init(headers: [("If-Match", etag)], status: .ok),
        .init(headers: [("If-Match", "*")], status: .ok),
        .init(headers: [("If-Match", "\"other\"")], status: .preconditionFailed),
        .init(headers: [("If-None-Match", etag)], status: .notModified),
        .init(headers: [("If-None-Match", "\"other\", \(etag)")], status: .notModified),
        .init(headers: [("If-None-Match", "\"other\"")], status: .ok),
        .init(headers: [("If-Modified-Since", future)], status: .notModified),
        .init(headers: [("If-Modified-Since", past)], status: .ok),
        .init(headers: [("If-Unmodified-Since", past)], status: .preconditionFailed),
        .init(headers: [("If-Unmodified-Since", future)], status: .ok),
        .init(headers: [("If-Match", etag), ("If-Unmodified-Since", past)], status: .ok),
        .init(headers: [("If-None-Match", "\"other\""), ("If-Modified-Since", future)], status: .ok),
        .init(headers: [("If-Modified-Since", "not a date")], status: .ok),
    ]

    @Test(arguments: conditions)
    func conditionalGetAndHead(_ condition: Condition) async throws {
        try await S3TestHarness.run { _, client in
            try await client.put("/bucket1/digits", Self.content)
            let get = try await client.get("/bucket1/digits", headers: condition.headers)
            #expect(get.status == condition.status)
            switch condition.status {
            case .ok: #expect(get.text == Self.content)
            case .notModified:
                #expect(get.body.readableBytes == 0)
                #expect(get.headers[.eTag] == Self.etag)
                #expect(get.headers[.lastModified] != nil)
            default:
                #expect(get.errorCode == "PreconditionFailed")
                #expect(get.xml("Condition") != nil)
            }
            let head = try await client.s3(.head, "/bucket1/digits", headers: condition.headers)
            #expect(head.status == condition.status)
            #expect(head.body.readableBytes == 0)
        }
    }
}
