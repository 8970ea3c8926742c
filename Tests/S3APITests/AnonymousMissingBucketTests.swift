import HTTPTypes
import HummingbirdTesting
import Testing

@testable import S3API

/// An anonymous request naming a bucket that does not exist is told so (404 `NoSuchBucket`), as S3 answers: there is
/// no bucket policy to refuse it with. Creating a bucket anonymously stays `AccessDenied`.
@Suite struct AnonymousMissingBucketTests {
    @Test func anonymousRequestsToAMissingBucketAreNoSuchBucket() async throws {
        try await S3TestHarness.run { _, client in
            for (method, path, query) in [
                (HTTPRequest.Method.get, "/no-such-bucket/k", ""), (.head, "/no-such-bucket/k", ""),
                (.get, "/no-such-bucket", "list-type=2"), (.put, "/no-such-bucket/k", ""),
                (.get, "/no-such-bucket", "policy"),
            ] {
                let response = try await client.s3(method, path, query: query, auth: .anonymous)
                #expect(response.status == .notFound, "\(method) \(path)?\(query)")
                if method != .head { #expect(response.errorCode == "NoSuchBucket", "\(method) \(path)?\(query)") }
            }
            #expect(try await client.s3(.put, "/new-bucket-by-anyone", auth: .anonymous).status == .forbidden)
            // An existing bucket without a public policy still refuses anonymous callers.
            #expect(try await client.s3(.get, "/bucket1", query: "list-type=2", auth: .anonymous).status == .forbidden)
        }
    }
}
