import Crypto
import Foundation
import NIOCore
import TestSupport
import Testing

@testable import ObjectStore

/// CopyObject in the domain: re-encryption between every pair of modes, metadata directives, conditions, and the
/// source left untouched.
@Suite("CopyObject")
struct CopyTests {
    /// The encryption modes a copy can go from and to.
    enum Mode: String, CaseIterable, Sendable {
        case sseS3, kmsA, kmsB, kmsABucketKey

        var request: EncryptionRequest {
            switch self {
            case .sseS3: .sseS3
            case .kmsA: .sseKMS(keyId: "a", bucketKeyEnabled: false)
            case .kmsB: .sseKMS(keyId: "b", bucketKeyEnabled: false)
            case .kmsABucketKey: .sseKMS(keyId: "a", bucketKeyEnabled: true)
            }
        }

        var keySource: String {
            switch self {
            case .sseS3: "sse-s3-wrapped"
            case .kmsA, .kmsB: "kms-data-key"
            case .kmsABucketKey: "bucket-key-derived"
            }
        }

        func info(_ keys: [String: String]) -> ObjectEncryptionInfo {
            switch self {
            case .sseS3: ObjectEncryptionInfo(algorithm: .aes256, kmsKeyArn: nil, bucketKeyEnabled: false)
            case .kmsA: ObjectEncryptionInfo(algorithm: .awsKMS, kmsKeyArn: keys["a"], bucketKeyEnabled: false)
            case .kmsB: ObjectEncryptionInfo(algorithm: .awsKMS, kmsKeyArn: keys["b"], bucketKeyEnabled: false)
            case .kmsABucketKey:
                ObjectEncryptionInfo(algorithm: .awsKMS, kmsKeyArn: keys["a"], bucketKeyEnabled: true)
            }
        }
    }

    static let pairs: [(Mode, Mode)] = Mode.allCases.flatMap { from in Mode.allCases.map { (from, $0) } }
    static let body = testBytes(5000, seed: 7)

    /// A fixture with KMS keys `a` and `b` and a second bucket.
    static func with(_ body: (StoreFixture, [String: String]) async throws -> Void) async throws {
        try await StoreFixture.with { fixture in
            let keys = ["a": fixture.keys.createKey("a"), "b": fixture.keys.createKey("b")]
            try await fixture.store.createBucket("bucket2")
            try await body(fixture, keys)
        }
    }

    static func copy(
        _ fixture: StoreFixture, from source: String, sourceBucket: String = "bucket1", to key: String,
        bucket: String = "bucket2", requester: DataKeyRequester = StoreFixture.otherRequester,
        configure: (inout CopyObjectRequest) -> Void = { _ in }
    ) async throws -> PutObjectResult {
        var request = CopyObjectRequest(
            source: CopySourceRequest(bucket: sourceBucket, key: source), bucket: bucket, key: key,
            requester: requester)
        configure(&request)
        return try await fixture.store.copyObject(request)
    }

    @Test(arguments: pairs)
    func copiesBetweenEncryptionModes(from: Mode, to: Mode) async throws {
        try await Self.with { fixture, keys in
            let put = try await fixture.put("src", Self.body) { $0.encryption = from.request }
            let sourceRow = try await fixture.row("src")
            let (generates, decrypts) = (fixture.keys.generateCalls, fixture.keys.decryptCalls)

            let copied = try await Self.copy(fixture, from: "src", to: "dst") { $0.encryption = to.request }

            #expect(copied.etag == put.etag)
            #expect(copied.size == Int64(Self.body.count))
            #expect(copied.encryption == to.info(keys))
            let row = try await fixture.row("dst", bucket: "bucket2")
            #expect(row.keySource == to.keySource)
            #expect(row.objectId != sourceRow.objectId)
            if to == .kmsA || to == .kmsB {
                #expect(row.encryptionContext == ["aws:s3:arn": "arn:aws:s3:::bucket2/dst"])
            }
            // The source's key is recovered and the destination's generated on the copier's behalf.
            if from == .kmsA || from == .kmsB {
                #expect(fixture.keys.decryptCalls == decrypts + 1)
                #expect(fixture.keys.decryptRequesters.last == StoreFixture.otherRequester)
            }
            if to != .sseS3 {
                #expect(fixture.keys.generateCalls == generates + 1)
                #expect(fixture.keys.generateRequesters.last == StoreFixture.otherRequester)
            }
            #expect(try await fixture.get("dst", bucket: "bucket2") == Self.body)
            for range in [ByteRangeRequest.bounded(first: 1000, last: 3071), .suffix(17), .from(4095)] {
                let resolved = try range.resolve(size: Int64(Self.body.count))
                let bytes = try await fixture.get("dst", bucket: "bucket2", range: range)
                #expect(bytes == Array(Self.body[Int(resolved.lowerBound)...Int(resolved.upperBound)]))
            }
            // The source is unchanged: same row, same bytes.
            #expect(try await fixture.row("src") == sourceRow)
            #expect(try await fixture.get("src") == Self.body)
        }
    }

    @Test(arguments: pairs)
    func aCopyOntoItselfThatChangesTheEncryptionReencrypts(from: Mode, to: Mode) async throws {
        try await Self.with { fixture, keys in
            let put = try await fixture.put("k", Self.body) { $0.encryption = from.request }
            let before = try await fixture.row("k")
            let copied = try await Self.copy(fixture, from: "k", to: "k", bucket: "bucket1") {
                $0.encryption = to.request
            }
            #expect(copied.etag == put.etag)
            #expect(copied.encryption == to.info(keys))
            let after = try await fixture.row("k")
            #expect(after.objectId != before.objectId)
            #expect(after.keySource == to.keySource)
            #expect(try await fixture.get("k") == Self.body)
            #expect(fixture.blobFiles().count == 1, "the replaced blob is deleted")
        }
    }

    @Test func aCopyOntoItselfMustChangeSomething() async throws {
        try await Self.with { fixture, _ in
            try await fixture.put("k", Self.body)
            do {
                _ = try await Self.copy(fixture, from: "k", to: "k", bucket: "bucket1")
                Issue.record("copied onto itself without a change")
            } catch let error as ObjectStoreError {
                #expect(error.kind == .invalidRequest)
                #expect(error.message == CopyObjectRequest.copyOntoItselfMessage)
            }
            #expect(fixture.keys.totalCalls == 0)
            let replaced = try await Self.copy(fixture, from: "k", to: "k", bucket: "bucket1") {
                $0.metadataDirective = .replace
                $0.metadata = ObjectMetadata(contentType: "text/plain")
            }
            #expect(try await fixture.row("k").contentType == "text/plain")
            #expect(replaced.encryption.algorithm == .aes256)
        }
    }

    @Test func metadataIsCopiedOrReplacedAndTheACLNeverInherited() async throws {
        try await Self.with { fixture, _ in
            let original = ObjectMetadata(
                contentType: "text/plain", contentEncoding: "gzip", contentDisposition: "inline",
                contentLanguage: "en", cacheControl: "no-cache", expires: "Thu, 01 Dec 2094 16:00:00 GMT",
                userMetadata: ["a": "1"], cannedACL: "public-read")
            try await fixture.put("src", Self.body) { $0.metadata = original }

            _ = try await Self.copy(fixture, from: "src", to: "copied") {
                $0.metadata = ObjectMetadata(contentType: "ignored/with-copy", userMetadata: ["ignored": "x"])
            }
            var expected = original
            expected.cannedACL = nil
            #expect(try await Self.metadata(fixture, "copied") == expected)

            let replacement = ObjectMetadata(
                contentType: "application/json", userMetadata: ["b": "2"], cannedACL: "public-read")
            _ = try await Self.copy(fixture, from: "src", to: "replaced") {
                $0.metadataDirective = .replace
                $0.metadata = replacement
            }
            #expect(try await Self.metadata(fixture, "replaced") == replacement)
        }
    }

    static func metadata(_ fixture: StoreFixture, _ key: String) async throws -> ObjectMetadata {
        try await fixture.store.headObject(
            GetObjectRequest(bucket: "bucket2", key: key, requester: StoreFixture.requester)
        ).info.metadata
    }

    @Test func checksumsKeepTheirAlgorithmsUnlessOneIsRequested() async throws {
        try await Self.with { fixture, _ in
            let put = try await fixture.put("src", Self.body) {
                $0.checksums = [ChecksumRequest(.crc32c), ChecksumRequest(.sha256)]
            }
            let kept = try await Self.copy(fixture, from: "src", to: "kept")
            #expect(kept.checksums == put.checksums)
            #expect(kept.checksums.sha256 == Data(SHA256.hash(data: Self.body)).base64EncodedString())
            let other = try await Self.copy(fixture, from: "src", to: "other") { $0.checksumAlgorithm = .crc32 }
            #expect(other.checksums == ObjectChecksums(crc32: other.checksums.crc32))
            #expect(other.checksums.crc32 != nil)
            let plain = try await fixture.put("plain", Self.body)
            #expect(try await Self.copy(fixture, from: "plain", to: "plain").checksums == plain.checksums)
        }
    }

    @Test func sourceConditionsAndErrors() async throws {
        try await Self.with { fixture, _ in
            let put = try await fixture.put("src", Self.body)
            let failing: [(ObjectConditions, String)] = [
                (ObjectConditions(ifMatch: "\"0\""), "x-amz-copy-source-If-Match"),
                (ObjectConditions(ifNoneMatch: put.etag), "x-amz-copy-source-If-None-Match"),
                (ObjectConditions(ifModifiedSince: put.lastModified + 60), "x-amz-copy-source-If-Modified-Since"),
                (ObjectConditions(ifUnmodifiedSince: put.lastModified - 60), "x-amz-copy-source-If-Unmodified-Since"),
            ]
            for (conditions, name) in failing {
                do {
                    _ = try await Self.copy(fixture, from: "src", to: "dst") { $0.source.conditions = conditions }
                    Issue.record("copied despite \(name)")
                } catch let error as ObjectStoreError {
                    #expect(error.kind == .preconditionFailed)
                    #expect(error.details.condition == name)
                }
            }
            _ = try await Self.copy(fixture, from: "src", to: "dst") {
                $0.source.conditions = ObjectConditions(ifMatch: put.etag, ifNoneMatch: "\"0\"")
            }
            await fixture.expectError(.noSuchKey) { _ = try await Self.copy(fixture, from: "missing", to: "x") }
            await fixture.expectError(.noSuchBucket) {
                _ = try await Self.copy(fixture, from: "src", sourceBucket: "nobucket", to: "x")
            }
            do {
                _ = try await Self.copy(fixture, from: "src", to: "x", bucket: "nobucket")
                Issue.record("copied into a missing bucket")
            } catch let error as ObjectStoreError {
                #expect(error.kind == .noSuchBucket)
                #expect(error.bucket == "nobucket")
            }
            do {
                _ = try await Self.copy(fixture, from: "missing", to: "x")
            } catch let error as ObjectStoreError {
                #expect(error.bucket == "bucket1" && error.key == "missing", "names the source")
            }
            #expect(fixture.blobFiles().count == 2, "the source and one copy; failures leave nothing")
        }
    }

    @Test func aDisabledSourceKeyStopsTheCopyBeforeAnyWrite() async throws {
        try await Self.with { fixture, keys in
            try await fixture.put("src", Self.body) { $0.encryption = Mode.kmsA.request }
            fixture.keys.setEnabled(keys["a"]!, false)
            await fixture.expectError(.kmsDisabled) { _ = try await Self.copy(fixture, from: "src", to: "dst") }
            #expect(fixture.blobFiles().count == 1)
        }
    }

    @Test func openCopySourceReadsOnlyTheRange() async throws {
        try await Self.with { fixture, _ in
            try await fixture.put("src", Self.body)
            let source = CopySourceRequest(
                bucket: "bucket1", key: "src", range: CopySourceRange(first: 1000, last: 2999))
            let result = try await fixture.store.openCopySource(source, requester: StoreFixture.requester)
            #expect(result.contentRange == 1000...2999)
            var bytes: [UInt8] = []
            for try await buffer in result.body { bytes += buffer.readableBytesView }
            #expect(bytes == Array(Self.body[1000...2999]))
            for range in [CopySourceRange(first: 0, last: 5000), CopySourceRange(first: 5000, last: 5001)] {
                var outside = source
                outside.range = range
                do {
                    _ = try await fixture.store.openCopySource(outside, requester: StoreFixture.requester)
                    Issue.record("accepted \(range)")
                } catch let error as ObjectStoreError {
                    #expect(error.kind == .invalidArgument)
                    #expect(error.message == "Range specified is not valid for source object of size: 5000")
                }
            }
        }
    }

    /// A copy larger than one read batch and many segments streams through and comes out byte-identical.
    @Test func aLargeCopyStreams() async throws {
        try await Self.with { fixture, _ in
            let body = testBytes(3 << 20, seed: 3)
            try await fixture.put("big", body, chunkSize: 65_536) { $0.encryption = Mode.kmsA.request }
            let copied = try await Self.copy(fixture, from: "big", to: "big") { $0.encryption = Mode.kmsB.request }
            #expect(copied.size == Int64(body.count))
            #expect(try await fixture.get("big", bucket: "bucket2") == body)
        }
    }
}
