import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import S3BlobClient

/// The pure parts of the client, without a server: paths, XML shapes, Content-Range, error classification.
@Suite("S3BlobClient without a server")
struct S3BlobClientUnitTests {
    private func client(prefix: String) -> S3BlobClient {
        S3BlobClient(
            endpoint: URL(string: "http://127.0.0.1:9000")!, bucket: "blobs", prefix: prefix, region: "us-east-1",
            accessKeyId: "AKID", secretAccessKey: "secret", httpClient: HTTPClient.shared)
    }

    @Test(
        "keys join the prefix and every segment is URI-encoded once",
        arguments: [
            ("", "a b/ü+x", "/blobs/a%20b/%C3%BC%2Bx"),
            ("/node/1/", "k", "/blobs/node/1/k"),
            ("p q", "50%~_-.", "/blobs/p%20q/50%25~_-."),
        ])
    func path(prefix: String, key: String, expected: String) {
        #expect(client(prefix: prefix).path(for: key) == expected)
        #expect(client(prefix: prefix).path(for: nil) == "/blobs")
    }

    @Test("an XML error body gives its Code and Message")
    func errorBody() {
        let body = ByteBuffer(
            string: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match &amp; so on.</Message>"
                + "<RequestId>1</RequestId></Error>")
        let error = S3BlobClient.serviceError(status: 403, reason: "Forbidden", body: Array(buffer: body))
        #expect(
            error
                == .service(
                    status: 403, code: "SignatureDoesNotMatch",
                    message: "The request signature we calculated does not match & so on."))
        #expect(!error.isRetryable)
    }

    @Test("an error answer without XML keeps its status and reason")
    func errorWithoutXML() {
        let error = S3BlobClient.serviceError(
            status: 503, reason: "Service Unavailable", body: Array("busy".utf8))
        #expect(error == .service(status: 503, code: "", message: "Service Unavailable"))
        #expect(error.isRetryable)
    }

    @Test("only connection failures, 500 and 503 are retried; a 404 NoSuchKey is a missing object")
    func classification() {
        #expect(S3BlobClientError.connection("refused").isRetryable)
        #expect(S3BlobClientError.connection("refused").isConnectionFailure)
        #expect(S3BlobClientError.service(status: 500, code: "InternalError", message: "").isRetryable)
        #expect(!S3BlobClientError.service(status: 403, code: "AccessDenied", message: "").isRetryable)
        #expect(!S3BlobClientError.responseTooLarge(status: 200, limit: 1).isRetryable)
        #expect(S3BlobClientError.service(status: 404, code: "NoSuchKey", message: "").isMissingObject)
        #expect(S3BlobClientError.service(status: 404, code: "", message: "").isMissingObject)
        #expect(!S3BlobClientError.service(status: 404, code: "NoSuchBucket", message: "").isMissingObject)
    }

    @Test("a listing's records decode entities and keep document order")
    func listingXML() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>blobs</Name>
              <IsTruncated>true</IsTruncated><NextContinuationToken>t&amp;1</NextContinuationToken>
              <Contents><Key>p/a &amp; b &#x1F600;</Key><Size>3</Size><LastModified>2026-12-07T21:24:58.123Z</LastModified></Contents>
              <Contents><Key>p/&lt;c&gt;</Key><Size>0</Size><LastModified>2026-12-07T21:24:59Z</LastModified></Contents>
            </ListBucketResult>
            """
        let document = try S3XMLDocument(parsing: Array(xml.utf8), recordElement: "Contents", status: 200)
        #expect(document.root == "ListBucketResult")
        #expect(document.fields["IsTruncated"] == "true")
        #expect(document.fields["NextContinuationToken"] == "t&1")
        #expect(document.records.map { $0["Key"] } == ["p/a & b 😀", "p/<c>"])
        #expect(document.records.map { $0["Size"] } == ["3", "0"])
        #expect(S3BlobClient.parseTimestamp("2026-12-07T21:24:58.123Z") != nil)
        #expect(S3BlobClient.parseTimestamp("2026-12-07T21:24:59Z")?.timeIntervalSince1970 == 1_796_678_699)
    }

    @Test("malformed XML is an invalid answer, not a crash")
    func malformedXML() {
        #expect(throws: S3BlobClientError.invalidResponse(status: 200, "the XML body could not be parsed")) {
            try S3XMLDocument(parsing: Array("<ListBucketResult><Contents>".utf8), status: 200)
        }
    }

    @Test(
        "Content-Range gives the whole size",
        arguments: [("bytes 0-0/1000", Int64(1000)), ("bytes 990-999/1000", 1000), ("bytes 0-9/*", nil), ("junk", nil)])
    func contentRange(header: String, size: Int64?) {
        #expect(S3BlobClient.totalSize(contentRange: header) == size)
    }

    @Test("CompleteMultipartUpload lists the parts in order with their ETags")
    func completeBody() {
        let body = S3BlobClient.completeMultipartBody([(1, "\"a1\""), (2, "\"b&2\"")])
        #expect(
            String(buffer: body)
                == "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Part><PartNumber>1</PartNumber><ETag>\"a1\"</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>\"b&amp;2\"</ETag></Part></CompleteMultipartUpload>")
    }
}
