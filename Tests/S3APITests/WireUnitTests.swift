import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
import TextCodings

@testable import ObjectStore
@testable import S3API

@Suite struct WireUnitTests {
    static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = format
        return formatter
    }

    /// Dates around epoch, leap days and centuries, checked against Foundation's formatter as the oracle.
    @Test(arguments: [
        0, 951_782_400, 951_868_799, 1_709_164_800, 4_102_444_800, 253_402_300_799, 1_700_000_000.123, -86_401,
    ])
    func httpDatesMatchFoundation(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let expected = Self.formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'").string(from: date)
        #expect(HTTPDate.format(date) == expected)
        let parsed = try #require(HTTPDate.parse(expected))
        #expect(parsed.timeIntervalSince1970 == seconds.rounded(.down))
        let iso = Self.formatter("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").string(from: date)
        #expect(ISO8601Timestamp.format(date) == iso)
    }

    @Test func obsoleteHTTPDateFormsParse() {
        let expected = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == expected)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == expected)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == expected)
        #expect(HTTPDate.parse("yesterday") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
    }

    @Test func xmlTextIsEscaped() {
        var xml = XMLWriter()
        xml.element("Key", "a&b<c>\"d\"'e'\u{1}\n\t\r")
        #expect(xml.string.hasSuffix("<Key>a&amp;b&lt;c&gt;&quot;d&quot;'e'\u{FFFD}\n\t&#13;</Key>"))
    }

    @Test func xmlParsingReadsTextEntitiesAndCDATAAndDropsPrefixes() throws {
        let body =
            #"<?xml version="1.0"?><s3:Delete xmlns:s3="x"><s3:Object><Key>a&amp;b</Key></s3:Object>"#
            + "<Object><Key><![CDATA[<raw>]]></Key></Object></s3:Delete>"
        let root = try XMLNode.parse(ByteBuffer(string: body))
        #expect(root.name == "Delete")
        #expect(root.children(named: "Object").compactMap { $0.child("Key")?.text } == ["a&b", "<raw>"])
        #expect(throws: S3Error.malformedXML) { try XMLNode.parse(ByteBuffer(string: "<a><b></a>")) }
    }

    @Test func percentDecodingKeepsLoneEscapesAndPlus() {
        #expect(PercentEncoding.decodeToString("a%20b%2Fc+d%zz%4") == "a b/c+d%zz%4")
        #expect(PercentEncoding.decodeToString("%E2%82%AC") == "€")
        #expect(PercentEncoding.encode("a b+c/€~".utf8, keepSlash: true) == "a%20b%2Bc/%E2%82%AC~")
    }

    @Test func pathsSplitIntoBucketAndKey() {
        #expect(S3Path(raw: "/") == S3Path(raw: ""))
        #expect(S3Path(raw: "/").bucket == nil)
        #expect(S3Path(raw: "/b").bucket == "b" && S3Path(raw: "/b").key == nil)
        #expect(S3Path(raw: "/b/").key == nil)
        #expect(S3Path(raw: "/b/a//c%3F").key == "a//c?")
    }

    struct Route: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var target: String
        var operation: S3Operation
        var testDescription: String { "\(method) \(target)" }
    }

    static let object = ObjectAddress(bucket: "b", key: "k")
    static let routes: [Route] = [
        .init(method: .get, target: "/", operation: .listBuckets),
        .init(method: .put, target: "/", operation: .methodNotAllowed(method: "PUT", resourceType: "SERVICE")),
        .init(method: .put, target: "/b", operation: .createBucket("b")),
        .init(method: .head, target: "/b", operation: .headBucket("b")),
        .init(method: .delete, target: "/b", operation: .deleteBucket("b")),
        .init(method: .get, target: "/b?location", operation: .getBucketLocation("b")),
        .init(method: .get, target: "/b?encryption", operation: .getBucketEncryption("b")),
        .init(method: .put, target: "/b?encryption", operation: .putBucketEncryption("b")),
        .init(method: .delete, target: "/b?encryption", operation: .deleteBucketEncryption("b")),
        .init(method: .get, target: "/b?acl", operation: .getBucketACL("b")),
        .init(method: .get, target: "/b?versioning", operation: .getBucketVersioning("b")),
        .init(method: .get, target: "/b", operation: .listObjects("b")),
        .init(method: .get, target: "/b?list-type=2&prefix=x", operation: .listObjectsV2("b")),
        .init(method: .get, target: "/b?versions", operation: .listObjectVersions("b")),
        .init(method: .post, target: "/b?delete", operation: .deleteObjects("b")),
        .init(method: .put, target: "/b/k", operation: .putObject(object)),
        .init(method: .get, target: "/b/k", operation: .getObject(object)),
        .init(method: .head, target: "/b/k", operation: .headObject(object)),
        .init(method: .delete, target: "/b/k", operation: .deleteObject(object)),
        .init(method: .get, target: "/b/k?acl", operation: .getObjectACL(object)),
        .init(method: .post, target: "/b/k?uploads", operation: .createMultipartUpload(.init(bucket: "b", key: "k"))),
        .init(
            method: .put, target: "/b/k?partNumber=1&uploadId=x", operation: .uploadPart(.init(bucket: "b", key: "k"))),
        .init(
            method: .post, target: "/b/k?uploadId=x", operation: .completeMultipartUpload(.init(bucket: "b", key: "k"))),
        .init(
            method: .delete, target: "/b/k?uploadId=x", operation: .abortMultipartUpload(.init(bucket: "b", key: "k"))),
        .init(method: .get, target: "/b/k?uploadId=x", operation: .listParts(.init(bucket: "b", key: "k"))),
        .init(method: .get, target: "/b?uploads", operation: .listMultipartUploads("b")),
        .init(method: .get, target: "/b/k?partNumber=1", operation: .getObject(object)),
        .init(method: .head, target: "/b/k?partNumber=1", operation: .headObject(object)),
        .init(method: .delete, target: "/b/k?partNumber=1", operation: .notImplemented("?partNumber")),
        .init(method: .put, target: "/b?versioning", operation: .notImplemented("?versioning")),
        .init(method: .get, target: "/b?tagging", operation: .notImplemented("?tagging")),
        .init(method: .post, target: "/b", operation: .postObject("b")),
        .init(
            method: .options, target: "/b/k", operation: .methodNotAllowed(method: "OPTIONS", resourceType: "OBJECT")),
    ]

    @Test(arguments: routes)
    func operationsAreParsedFromMethodPathAndSubresource(_ route: Route) {
        let (path, query) = S3Path.split(target: route.target)
        let operation = S3Operation.parse(method: route.method, path: path, query: S3Query(raw: query), headers: [:])
        #expect(operation == route.operation)
    }

    @Test func storeErrorsMapToS3CodesAndStatuses() {
        let cases: [(ObjectStoreError, String, HTTPResponse.Status)] = [
            (.noSuchBucket("b"), "NoSuchBucket", .notFound),
            (.noSuchKey("b", "k"), "NoSuchKey", .notFound),
            (.bucketAlreadyOwnedByYou("b"), "BucketAlreadyOwnedByYou", .conflict),
            (.bucketNotEmpty("b"), "BucketNotEmpty", .conflict),
            (.invalidBucketName("B"), "InvalidBucketName", .badRequest),
            (.invalidRange(size: 3), "InvalidRange", .rangeNotSatisfiable),
            (.preconditionFailed("If-Match"), "PreconditionFailed", .preconditionFailed),
            (.notModified(etag: "\"e\"", lastModified: Date()), "NotModified", .notModified),
            (.badDigest(.md5, expected: "AAAAAAAAAAAAAAAAAAAAAA==", calculated: "x"), "BadDigest", .badRequest),
            (.invalidDigest, "InvalidDigest", .badRequest),
            (.entityTooLarge(limit: 1), "EntityTooLarge", .badRequest),
            (ObjectStoreError(DataKeyProviderError(.notFound, message: "m")), "KMS.NotFoundException", .badRequest),
            (ObjectStoreError(DataKeyProviderError(.disabled, message: "m")), "KMS.DisabledException", .badRequest),
            (
                ObjectStoreError(DataKeyProviderError(.invalidState, message: "m")), "KMS.KMSInvalidStateException",
                .badRequest
            ),
            (ObjectStoreError(DataKeyProviderError(.accessDenied, message: "m")), "AccessDenied", .forbidden),
            (ObjectStoreError(DataKeyProviderError(.throttled, message: "m")), "SlowDown", .serviceUnavailable),
            (
                ObjectStoreError(DataKeyProviderError(.other, message: "secret detail")), "InternalError",
                .internalServerError
            ),
            (.corruptObject("segment 3"), "InternalError", .internalServerError),
            (.internalError("disk path /x"), "InternalError", .internalServerError),
        ]
        for (error, code, status) in cases {
            let mapped = S3Error(error)
            #expect(mapped.code == code, "\(error)")
            #expect(mapped.status == status, "\(error)")
        }
        #expect(
            S3Error(.badDigest(.md5, expected: "AAAAAAAAAAAAAAAAAAAAAA==", calculated: "x")).details.first
                == .init("ExpectedDigest", String(repeating: "0", count: 32)))
        #expect(!S3Error(.internalError("disk path /x")).message.contains("/x"))
        #expect(S3Error(rendering: CancellationError()).code == "InternalError")
        #expect(S3Error(rendering: HTTPError(.badRequest)).code == "InvalidRequest")
        #expect(S3Error(rendering: HTTPError(.contentTooLarge)).code == "EntityTooLarge")
        #expect(S3Error(rendering: HTTPError(.internalServerError)).code == "InternalError")
    }
}
