import Foundation
import PropertyBased
import Testing

@testable import SigV4

/// SigV4 (header and presigned) and SigV2 authentication parsing on mutated requests: every request verifies or
/// throws `SigV4Error` (the typed throw is the property; a trap or an endless loop fails the run), in bounded time.
@Suite("Fuzz: signatures")
struct SignatureFuzzTests {
    static let accessKeyId = "AKIAFUZZTEST00000001"
    static let secret = "fuzz/secret/key/for/coffer/tests/000001"
    static let now = Date(timeIntervalSince1970: 1_765_000_000)
    static let v4 = SigV4Verifier(
        region: "us-east-1", secretLookup: { $0 == accessKeyId ? secret : nil }, now: { now })
    static let v2 = SigV2Verifier(secretLookup: { $0 == accessKeyId ? secret : nil }, now: { now })
    static let signer = SigV4Signer(
        accessKeyId: accessKeyId, secretAccessKey: secret, region: "us-east-1", service: "s3")

    static let base = SigV4Request(
        method: "PUT", path: "/bucket/some%20key", query: "uploadId=abc&partNumber=2",
        headers: [("Host", "127.0.0.1:9000"), ("Content-Type", "text/plain"), ("x-amz-meta-a", "b")])

    static var headerSigned: SigV4Request { signer.sign(base, payloadHash: SigV4Verifier.unsignedPayload, date: now) }
    static var presigned: SigV4Request {
        var request = base
        request.headers = [("Host", "127.0.0.1:9000")]
        return signer.presign(request, expires: 3600, date: now)
    }

    /// What the verifier must do with an unmutated request: accept it (so these tests can fail at all).
    @Test func unmutatedRequestsVerify() throws {
        #expect(try Self.v4.verify(Self.headerSigned, service: "s3", bodySHA256: nil).accessKeyId == Self.accessKeyId)
        #expect(try Self.v4.verify(Self.presigned, service: "s3", bodySHA256: nil).accessKeyId == Self.accessKeyId)
    }

    @Test func mutatedAuthorizationHeaders() async {
        let request = Self.headerSigned
        let seeds = request.headers.filter { $0.name == "Authorization" }.map(\.value)
        await propertyCheck(count: Fuzz.count, input: Gen.mutatedStrings(of: seeds)) { value in
            var mutated = request
            mutated.headers = mutated.headers.map { $0.name == "Authorization" ? ($0.name, value) : $0 }
            Fuzz.bounded(mutated) { _ = try? Self.v4.verify($0, service: "s3", bodySHA256: nil) }
        }
    }

    @Test func mutatedSignedHeaderValues() async {
        let request = Self.headerSigned
        await propertyCheck(
            count: Fuzz.count, input: Gen.int(in: 0..<request.headers.count),
            Gen.mutatedStrings(of: request.headers.map(\.value))
        ) { index, value in
            var mutated = request
            mutated.headers[index].value = value
            if index % 2 == 0 { mutated.headers.append((request.headers[index].name, value)) }
            Fuzz.bounded(mutated) { _ = try? Self.v4.verify($0, service: "s3", bodySHA256: nil) }
        }
    }

    @Test func mutatedPresignedQueries() async {
        let request = Self.presigned
        await propertyCheck(count: Fuzz.count, input: Gen.mutatedStrings(of: [request.query])) { query in
            var mutated = request
            mutated.query = query
            Fuzz.bounded(mutated) { _ = try? Self.v4.verify($0, service: "s3", bodySHA256: nil) }
        }
    }

    @Test func mutatedPaths() async {
        let request = Self.headerSigned
        await propertyCheck(count: Fuzz.count, input: Gen.mutatedStrings(of: [request.path])) { path in
            var mutated = request
            mutated.path = path
            Fuzz.bounded(mutated) { _ = try? Self.v4.verify($0, service: "s3", bodySHA256: nil) }
        }
    }

    static let sigV2Seeds = [
        "AWS \(accessKeyId):frJIUN8DYpKDtOLCwo//yllqDzg=", "AWS \(accessKeyId):", "AWS :x", "AWS x",
    ]

    @Test func mutatedSigV2Headers() async {
        await propertyCheck(count: Fuzz.count, input: Gen.mutatedStrings(of: Self.sigV2Seeds)) { value in
            let request = SigV4Request(
                method: "GET", path: "/bucket/key", query: "acl",
                headers: [("Host", "h"), ("Date", "Sat, 06 Dec 2025 05:46:40 GMT"), ("Authorization", value)])
            Fuzz.bounded(request) { _ = try? Self.v2.verify($0, virtualHostBucket: "bucket") }
        }
    }

    @Test func mutatedSigV2Queries() async {
        let seed = "AWSAccessKeyId=\(Self.accessKeyId)&Expires=1765003600&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D"
        await propertyCheck(count: Fuzz.count, input: Gen.mutatedStrings(of: [seed, seed + "&uploads"])) { query in
            let request = SigV4Request(method: "GET", path: "/bucket/key", query: query, headers: [("Host", "h")])
            Fuzz.bounded(request) { _ = try? Self.v2.verify($0) }
        }
    }

    @Test func mutatedQueryParameterLists() async {
        let seeds = ["a=1&b=%20&c", "list-type=2&prefix=a%2Fb&max-keys=1000", "=&&=&%", "X-Amz-Date=20251206T000000Z"]
        await propertyCheck(count: Fuzz.count, input: Gen.mutatedStrings(of: seeds)) { query in
            Fuzz.bounded(query) { _ = QueryParameter.parse($0) }
        }
    }
}
