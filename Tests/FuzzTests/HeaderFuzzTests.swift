import Foundation
import HTTPTypes
import ObjectStore
import PropertyBased
import Testing

@testable import S3API

/// The S3 header and target parsers on mutated values: Range (and its resolution against any size), the copy
/// source and its range, the request target and query, operation routing, listing parameters, and the headers
/// of GetObject and PutObject (SSE, its base64 JSON context, metadata, checksums, conditions, dates). Each
/// returns a value or throws `S3Error`, in bounded time.
@Suite("Fuzz: S3 headers and targets")
struct HeaderFuzzTests {
    static let requester = DataKeyRequester(principalArn: "arn:aws:iam::000000000000:root", accountId: "000000000000")
    static let address = ObjectAddress(bucket: "bucket", key: "key")

    @Test func ranges() async {
        let seeds = ["bytes=0-99", "bytes=100-", "bytes=-5", "bytes=0-0", "bytes=9223372036854775806-"]
        await propertyCheck(
            count: Fuzz.count, input: Gen.mutatedStrings(of: seeds), Gen.int64(in: 0...Int64.max)
        ) { header, size in
            Fuzz.bounded(header) { header in
                for size in [0, 1, size, Int64.max] {
                    _ = try? ByteRangeRequest(header: header)?.resolve(size: size)
                }
            }
        }
    }

    @Test func copySources() async {
        let seeds = ["/bucket/a%20key", "bucket/k?versionId=null", "b/k/../x?versionId=2&a=b", "/b/%E2%82%AC"]
        let ranges = ["bytes=0-99", "bytes=5-5", "bytes=0-9223372036854775807"]
        await propertyCheck(
            count: Fuzz.count, input: Gen.mutatedStrings(of: seeds), Gen.mutatedStrings(of: ranges)
        ) { source, range in
            let headers: HTTPFields = [
                .amzCopySource: source, .amzCopySourceRange: range, .amzCopySourceIfModifiedSince: range,
            ]
            Fuzz.bounded(headers) { _ = try? CopySource(headers: $0, allowsRange: true) }
        }
    }

    @Test func targetsAndOperations() async {
        let seeds = [
            "/bucket/key?uploadId=x&partNumber=3", "/bucket?list-type=2&prefix=a&max-keys=5&encoding-type=url",
            "/bucket?delete", "/bucket/k?attributes", "/?x", "/bucket?uploads&key-marker=a", "/b/%00", "/b/a%FFb",
            "/bucket?versions&max-keys=99999999999999999999", "/bucket?location", "/bucket?encryption",
        ]
        let methods: [HTTPRequest.Method] = [.get, .put, .post, .delete, .head, .options, .patch]
        await propertyCheck(
            count: Fuzz.count, input: Gen.mutatedStrings(of: seeds), Gen.int(in: 0..<methods.count)
        ) { target, methodIndex in
            let method = methods[methodIndex]
            Fuzz.bounded(target) { target in
                let (path, raw) = S3Path.split(target: target)
                let query = S3Query(raw: raw)
                _ = S3Operation.parse(method: method, path: path, query: query, headers: [:])
                for version in [ListParameters.Version.v1, .v2, .versions] {
                    _ = try? ListParameters(query: query, version: version)
                }
                _ = try? GetObjectRequest(s3: [:], query: query, address: Self.address, requester: Self.requester)
            }
        }
    }

    static let headerSeeds = [
        "aws:kms", "AES256", "eyJhIjoiYiJ9", "e30=", "true", "FALSE", "Sat, 06 Dec 2025 05:46:40 GMT",
        "\"0123456789abcdef0123456789abcdef\"", "*", "CRC32C", "AAAAAA==", "1B2M2Y8AsgTpgAmYeQ9ihA==", "bytes=1-2",
        "text/plain; charset=utf-8", "aws-chunked,gzip", "x-amz-checksum-crc32", "public-read",
    ]

    static let headerNames: [HTTPField.Name] = [
        .amzServerSideEncryption, .amzSSEKMSKeyId, .amzSSEContext, .amzSSEBucketKeyEnabled, .contentMD5, .ifMatch,
        .ifNoneMatch, .ifModifiedSince, .ifUnmodifiedSince, .range, .contentType, .contentEncoding, .expires,
        HTTPField.Name("x-amz-meta-fuzz")!, HTTPField.Name("x-amz-checksum-crc32")!,
        HTTPField.Name("x-amz-checksum-sha256")!, HTTPField.Name("x-amz-sdk-checksum-algorithm")!,
        HTTPField.Name("x-amz-trailer")!, HTTPField.Name("x-amz-acl")!, HTTPField.Name("x-amz-object-attributes")!,
        HTTPField.Name("x-amz-max-parts")!, HTTPField.Name("x-amz-part-number-marker")!,
    ]

    @Test func objectHeaders() async {
        await propertyCheck(
            count: Fuzz.count, input: Gen.mutatedStrings(of: Self.headerSeeds).array(of: 1...6),
            Gen.int(in: 0..<Self.headerNames.count).array(of: 6)
        ) { values, names in
            var headers = HTTPFields()
            for (name, value) in zip(names, values) {
                headers.append(HTTPField(name: Self.headerNames[name], value: value))
            }
            Fuzz.bounded(headers) { headers in
                _ = try? PutObjectRequest(
                    s3: headers, address: Self.address, requester: Self.requester, trailers: TrailerStore(),
                    declaredLength: 5)
                _ = try? GetObjectRequest(
                    s3: headers, query: S3Query(raw: "partNumber=1"), address: Self.address,
                    requester: Self.requester)
                _ = try? ObjectAttributesXML.requested(headers)
                _ = try? ObjectAttributesXML.Paging(headers)
                _ = HTTPDate.parse(headers[.ifModifiedSince] ?? "")
            }
        }
    }
}
