import Foundation
import Synchronization
import Testing

@testable import SigV4

/// The building blocks: URI encoding, canonical query and headers, timestamps, constant-time compare, key cache.
@Suite("canonical forms")
struct CanonicalFormTests {
    @Test(
        "canonical query",
        arguments: [
            ("", ""),
            ("b=2&a=1", "a=1&b=2"),
            ("a=2&a=10&a=1", "a=1&a=10&a=2"),
            ("uploads", "uploads="),
            ("a=b+c", "a=b%2Bc"),  // + is a literal plus, never a space
            ("a=b%20c", "a=b%20c"),
            ("a=%2f%7e%41", "a=%2F~A"),  // decoded once, re-encoded upper-case, unreserved left alone
            ("k=%C3%BC%E2%82%AC", "k=%C3%BC%E2%82%AC"),
            ("k=ü", "k=%C3%BC"),  // raw UTF-8 from a lenient client
            ("a=1&&b=2&", "a=1&b=2"),
            ("x=a=b", "x=a%3Db"),
            ("p=100%", "p=100%25"),  // a lone % stays a literal percent
            ("B=1&a=1&_=1&~=1", "B=1&_=1&a=1&~=1"),  // byte order
        ])
    func canonicalQuery(raw: String, expected: String) {
        #expect(SigV4Algorithm.canonicalQuery(QueryParameter.parse(raw)) == expected)
    }

    @Test("presigned canonical query leaves out X-Amz-Signature only")
    func excludingSignature() {
        let parameters = QueryParameter.parse("X-Amz-Signature=abc&X-Amz-Date=1&x-amz-signature=keep")
        #expect(
            SigV4Algorithm.canonicalQuery(parameters, excluding: "X-Amz-Signature")
                == "X-Amz-Date=1&x-amz-signature=keep")
    }

    @Test(
        "canonical URI (S3: decode once, encode with AWS rules, no normalisation)",
        arguments: [
            ("", "/"),
            ("/", "/"),
            ("/bucket/a%20b", "/bucket/a%20b"),
            ("/bucket/a+b", "/bucket/a%2Bb"),
            ("/bucket/a%2fb", "/bucket/a/b"),
            ("/bucket/%7Euser", "/bucket/~user"),
            ("/bucket//a/../b/./c", "/bucket//a/../b/./c"),
            ("/bucket/ü", "/bucket/%C3%BC"),
            ("/bucket/a%zz", "/bucket/a%25zz"),
        ])
    func canonicalURI(raw: String, expected: String) {
        #expect(SigV4Algorithm.canonicalURI(rawPath: raw) == expected)
    }

    @Test(
        "double-encoded URI (non-S3 services, botocore SigV4Auth)",
        arguments: [
            ("/", "/"),
            ("", "/"),
            ("/a%20b", "/a%2520b"),
            ("/a/./b/../c/", "/a/c/"),
            ("//a//b", "/a/b"),
        ])
    func doubleEncodedURI(raw: String, expected: String) {
        #expect(SigV4Algorithm.doubleEncodedURI(rawPath: raw) == expected)
    }

    @Test("canonical headers: lower-case names, trimmed values, runs collapsed, repeats joined in order")
    func canonicalHeaders() {
        let headers: [(name: String, value: String)] = [
            ("Host", " example.com "),
            ("X-Amz-Meta-A", "  one   two "),
            ("x-amz-meta-a", "\tthree\t\tfour"),
            ("X-Unsigned", "ignored"),
            ("x-amz-empty", ""),
        ]
        let canonical = SigV4Algorithm.canonicalHeaders(
            headers, signedHeaders: ["host", "x-amz-empty", "x-amz-meta-a"])
        #expect(canonical == "host:example.com\nx-amz-empty:\nx-amz-meta-a:one two,three four\n")
    }

    @Test(
        "Trimall",
        arguments: [("a", "a"), ("  a  ", "a"), ("a  b\t\tc", "a b c"), ("", ""), ("   ", ""), ("\"a  b\"", "\"a b\"")])
    func trimAll(value: String, expected: String) {
        #expect(SigV4Algorithm.trimAll(value) == expected)
    }

    @Test("X-Amz-Date parsing and formatting round-trip")
    func amzDate() throws {
        let date = try #require(AMZDate.parse("20150830T123600Z"))
        #expect(date.timeIntervalSince1970 == 1_440_938_160)
        #expect(AMZDate.format(date) == "20150830T123600Z")
        #expect(AMZDate.format(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(AMZDate.format(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(AMZDate.parse("20000229T000000Z")?.timeIntervalSince1970 == 951_782_400)
        for bad in [
            "20150830T123600", "2015-08-30T12:36:00Z", "20150230T123600Z", "20150830T253600Z", "2015083OT123600Z", "",
        ] {
            #expect(AMZDate.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("RFC 1123 Date header parsing")
    func rfc1123() {
        let expected = Date(timeIntervalSince1970: 1_440_938_160)
        #expect(AMZDate.parseRFC1123("Sun, 30 Aug 2015 12:36:00 GMT") == expected)
        #expect(AMZDate.parseRFC1123("Sun, 30 Aug 2015 12:36:00 -0000") == expected)
        #expect(AMZDate.parseRFC1123("30 Aug 2015 12:36:00 UTC") == expected)
        #expect(AMZDate.parseRFC1123("Sun, 30 Aug 2015 12:36:00 +0200") == nil)
        #expect(AMZDate.parseRFC1123("Sun, 30 Foo 2015 12:36:00 GMT") == nil)
        #expect(AMZDate.parseRFC1123("garbage") == nil)
    }

    @Test("constant-time compare")
    func constantTime() {
        #expect(constantTimeEquals("abc", "abc"))
        #expect(!constantTimeEquals("abc", "abd"))
        #expect(!constantTimeEquals("abc", "ab"))
        #expect(constantTimeEquals("", ""))
    }

    @Test("hexSHA256")
    func sha256() {
        #expect(hexSHA256(Data()) == SigV4Verifier.emptyPayloadSHA256)
        #expect(
            hexSHA256(Data("hello world".utf8)) == "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")
        #expect(hexSHA256([UInt8]("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the signing key never prints")
    func signingKeyRedacted() {
        let key = SigningKey(secretAccessKey: "s3cr3t", date: "20240101", region: "r", service: "s")
        #expect("\(key)" == "SigningKey(<redacted>)")
        #expect(String(reflecting: key) == "SigningKey(<redacted>)")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        #expect(Mirror(reflecting: key).children.isEmpty)
    }

    @Test("derived keys are cached per scope and the cache stays bounded")
    func keyCache() throws {
        let fixtures = SigV4Fixture.all.filter {
            $0.region == "us-east-1" && $0.service == "s3" && $0.accessKeyId == "AKIDCOFFERTEST000001"
        }
        let first = try #require(fixtures.first)
        let verifier = first.verifier()
        for fixture in fixtures {
            _ = try verifier.verify(fixture.request, service: "s3", bodySHA256: fixture.bodySHA256)
        }
        #expect(verifier.keyCache.count == 1)

        let cache = SigningKeyCache(capacity: 3)
        for day in 1...10 {
            let scope = try CredentialScope(parsing: "AKID/202401\(day < 10 ? "0" : "")\(day)/r/s/aws4_request")
            _ = cache.signingKey(accessKeyId: "AKID", secretAccessKey: "s", scope: scope)
            #expect(cache.count <= 3)
        }
    }

    @Test("a cached key is the key: verification after a secret change uses the new secret")
    func secretRotation() throws {
        let fixture = try #require(SigV4Fixture.all.first)
        let secret = Mutex(fixture.secretAccessKey)
        let verifier = SigV4Verifier(
            region: fixture.region,
            secretLookup: { _ in secret.withLock { $0 } },
            now: { fixture.date }
        )
        _ = try verifier.verify(fixture.request, service: nil, bodySHA256: fixture.bodySHA256)
        secret.withLock { $0 = "rotated" }
        let error = sigV4Error { try verifier.verify(fixture.request, service: nil, bodySHA256: fixture.bodySHA256) }
        #expect(error?.code == .signatureMismatch)
    }

    @Test("clients that sign the raw path as sent are accepted (fallback)")
    func rawPathFallback() throws {
        // A client signing its non-canonical encoding (lower-case hex, '+' unencoded) verbatim.
        let request = TestSigner.sign(path: "/bucket/a%2fb+c", canonicalURI: "/bucket/a%2fb+c")
        _ = try TestSigner.verifier().verify(request, service: "s3", bodySHA256: nil)
        // ... but a path that is neither canonical nor as-sent still fails.
        let other = TestSigner.sign(path: "/bucket/a%2fb+c", canonicalURI: "/bucket/a%2Fb%2Bd")
        let error = sigV4Error { try TestSigner.verifier().verify(other, service: "s3", bodySHA256: nil) }
        #expect(error?.code == .signatureMismatch)
        #expect(error?.canonicalRequest?.contains("\n/bucket/a/b%2Bc\n") == true)  // the AWS-rules attempt is reported
    }

    @Test("non-S3 services: the double-encoded path botocore's generic signer uses is accepted")
    func doubleEncodedFallback() throws {
        let request = TestSigner.sign(path: "/a%20b/", service: "execute-api", canonicalURI: "/a%2520b/")
        _ = try TestSigner.verifier().verify(request, service: nil, bodySHA256: nil)
        let s3 = TestSigner.sign(path: "/a%20b/", service: "s3", canonicalURI: "/a%2520b/")
        #expect(
            sigV4Error { try TestSigner.verifier().verify(s3, service: nil, bodySHA256: nil) }?.code
                == .signatureMismatch)
    }
}
