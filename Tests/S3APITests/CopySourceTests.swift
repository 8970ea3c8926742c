import Foundation
import HTTPTypes
import Testing

@testable import ObjectStore
@testable import S3API

/// `x-amz-copy-source` and its companions, parsed without a server.
@Suite struct CopySourceTests {
    static func headers(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return fields
    }

    @Test(arguments: [
        ("bucket1/key", "bucket1", "key"),
        ("/bucket1/key", "bucket1", "key"),
        ("bucket1/a/b//c.txt", "bucket1", "a/b//c.txt"),
        ("bucket1/a%20b%2Bc%3Fd%E2%82%AC", "bucket1", "a b+c?d€"),
        ("bucket1/plus+stays", "bucket1", "plus+stays"),
        ("bucket1/key?versionId=null", "bucket1", "key"),
        ("/bucket1/k%3Fv?versionId=null", "bucket1", "k?v"),
    ])
    func addressesAreDecodedOnce(header: String, bucket: String, key: String) throws {
        let address = try CopySource.address(header)
        #expect(address == ObjectAddress(bucket: bucket, key: key))
    }

    @Test(arguments: ["bucket1", "/bucket1", "bucket1/", "/bucket1/", "", "/", "//key"])
    func aSourceWithoutBucketAndKeyIsInvalid(header: String) {
        #expect(throws: S3Error.self) { try CopySource.address(header) }
        do {
            _ = try CopySource.address(header)
        } catch {
            #expect(error.code == "InvalidArgument")
            #expect(error.message == CopySource.missingMessage)
            #expect(error.details.first == S3Error.Detail("ArgumentName", "x-amz-copy-source"))
        }
    }

    @Test(arguments: ["bucket1/key?versionId=3HL4kqtJlcpXroDTDmJ", "bucket1/key?versionId=", "bucket1/key?versionId"])
    func onlyTheNullVersionExists(header: String) {
        do {
            _ = try CopySource.address(header)
            Issue.record("accepted \(header)")
        } catch {
            #expect(error.code == "InvalidArgument")
            #expect(error.message == "Invalid version id specified")
        }
    }

    @Test(arguments: [
        ("bytes=0-0", 0, 0), ("bytes=0-5242879", 0, 5_242_879), ("bytes=100-200", 100, 200),
    ])
    func rangesOfTheOneAllowedForm(header: String, first: Int64, last: Int64) throws {
        #expect(try CopySource.range(header) == CopySourceRange(first: first, last: last))
    }

    @Test(arguments: [
        "0-2", "bytes=0", "bytes=-5", "bytes=5-", "bytes=hello-world", "bytes=0-bar", "bytes=0-2,3-5", "bytes=5-4",
        "bytes= 0-4", "bytes=+1-4", "Bytes=0-4", "", "bytes=0-99999999999999999999",
    ])
    func everyOtherRangeIsInvalidArgument(header: String) {
        do {
            _ = try CopySource.range(header)
            Issue.record("accepted \(header)")
        } catch {
            #expect(error.code == "InvalidArgument")
            #expect(error.message == CopySource.rangeMessage)
            #expect(error.details.map(\.value) == ["x-amz-copy-source-range", header])
        }
    }

    @Test func theRangeMustLieInsideTheSource() throws {
        #expect(try CopySourceRange(first: 0, last: 9).resolve(size: 10) == 0...9)
        #expect(try CopySourceRange(first: 9, last: 9).resolve(size: 10) == 9...9)
        for range in [CopySourceRange(first: 0, last: 10), CopySourceRange(first: 10, last: 10)] {
            do {
                _ = try range.resolve(size: 10)
                Issue.record("accepted \(range)")
            } catch {
                #expect(error.kind == .invalidArgument)
                #expect(error.message == "Range specified is not valid for source object of size: 10")
            }
        }
    }

    @Test func allHeadersTogether() throws {
        let headers = Self.headers([
            ("x-amz-copy-source", "/src/dir%2Fa.txt"), ("x-amz-copy-source-if-match", "\"abc\""),
            ("x-amz-copy-source-if-none-match", "\"def\""),
            ("x-amz-copy-source-if-modified-since", "Sun, 06 Nov 1994 08:49:37 GMT"),
            ("x-amz-copy-source-if-unmodified-since", "not a date"), ("x-amz-copy-source-range", "bytes=1-2"),
        ])
        let source = try CopySource(headers: headers, allowsRange: true)
        #expect(source.address == ObjectAddress(bucket: "src", key: "dir/a.txt"))
        #expect(source.conditions.ifMatch == "\"abc\"")
        #expect(source.conditions.ifNoneMatch == "\"def\"")
        #expect(source.conditions.ifModifiedSince == Date(timeIntervalSince1970: 784_111_777))
        #expect(source.conditions.ifUnmodifiedSince == nil)
        #expect(source.conditions.role == .copySource)
        #expect(source.range == CopySourceRange(first: 1, last: 2))
        let request = source.request
        #expect(request.bucket == "src" && request.key == "dir/a.txt" && request.range == source.range)

        let copyObject = try CopySource(headers: headers, allowsRange: false)
        #expect(copyObject.range == nil)
        #expect(throws: S3Error.self) { try CopySource(headers: HTTPFields(), allowsRange: false) }
    }

    /// AWS answers 412 for every failed copy-source condition, naming the copy header; GET answers 304 instead.
    @Test func copySourceConditionsFailWith412() {
        let etag = "\"abc\""
        let modified = Date(timeIntervalSince1970: 1_000_000)
        let before = Date(timeIntervalSince1970: 999_000)
        let cases: [(ObjectConditions, String?)] = [
            (ObjectConditions(ifMatch: "\"other\""), "x-amz-copy-source-If-Match"),
            (ObjectConditions(ifMatch: etag), nil),
            (ObjectConditions(ifNoneMatch: etag), "x-amz-copy-source-If-None-Match"),
            (ObjectConditions(ifNoneMatch: "\"other\""), nil),
            (ObjectConditions(ifModifiedSince: modified), "x-amz-copy-source-If-Modified-Since"),
            (ObjectConditions(ifModifiedSince: before), nil),
            (ObjectConditions(ifUnmodifiedSince: before), "x-amz-copy-source-If-Unmodified-Since"),
            (ObjectConditions(ifUnmodifiedSince: modified), nil),
            // AWS: if-match true and if-unmodified-since false copies; if-none-match false and
            // if-modified-since true fails.
            (ObjectConditions(ifMatch: etag, ifUnmodifiedSince: before), nil),
            (ObjectConditions(ifNoneMatch: etag, ifModifiedSince: before), "x-amz-copy-source-If-None-Match"),
        ]
        for (conditions, failure) in cases {
            let source = CopySourceRequest(bucket: "b", key: "k", conditions: conditions)
            do {
                try source.conditions.evaluate(etag: etag, lastModified: modified)
                #expect(failure == nil, "\(conditions)")
            } catch {
                #expect(error.kind == .preconditionFailed, "\(conditions)")
                #expect(error.details.condition == failure, "\(conditions)")
            }
        }
    }
}
