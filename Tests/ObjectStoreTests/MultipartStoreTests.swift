import Foundation
import TestSupport
import Testing

@testable import ObjectStore

@Suite("Multipart uploads in the store")
struct MultipartStoreTests {
    static let parts = [testBytes(3000, seed: 1), testBytes(2048, seed: 2), testBytes(777, seed: 3)]
    static var whole: [UInt8] { parts.flatMap { $0 } }

    @Test(arguments: ["sse-s3", "sse-kms", "bucket-key"])
    func roundTripsAcrossPartsInEveryEncryptionMode(_ mode: String) async throws {
        try await StoreFixture.withMultipart { fixture in
            let arn = fixture.keys.createKey("k1")
            let encryption: EncryptionRequest =
                switch mode {
                case "sse-s3": .sseS3
                case "sse-kms": .sseKMS(keyId: arn, context: ["team": "a"])
                default: .sseKMS(keyId: arn, bucketKeyEnabled: true)
                }
            let generates = fixture.keys.generateCalls
            let upload = try await fixture.create("big", encryption: encryption)
            #expect(fixture.keys.generateCalls == generates + (mode == "sse-s3" ? 0 : 1))
            #expect(upload.encryption.algorithm == (mode == "sse-s3" ? .aes256 : .awsKMS))
            #expect(upload.encryption.bucketKeyEnabled == (mode == "bucket-key"))
            var infos: [PartInfo] = []
            for (index, bytes) in Self.parts.enumerated() {
                infos.append(try await fixture.uploadPart("big", upload.uploadId, index + 1, bytes))
            }
            let result = try await fixture.complete("big", upload.uploadId, infos)
            #expect(result.etag == "\"" + CompletionPlan.etag(infos.map { CompletionPlan.normalize($0.etag) }) + "\"")
            #expect(result.etag.hasSuffix("-3\""))
            #expect(result.size == Int64(Self.whole.count))
            #expect(result.encryption.kmsKeyArn == (mode == "sse-s3" ? nil : arn))
            #expect(try await fixture.get("big") == Self.whole)
            let head = try await fixture.store.headObject(
                GetObjectRequest(bucket: "bucket1", key: "big", requester: StoreFixture.requester))
            #expect(head.info.etag == result.etag)
            #expect(head.info.partsCount == 3)
            let listed = try await fixture.store.listObjects(bucket: "bucket1", ListObjectsRequest())
            #expect(listed.objects.map(\.etag) == [result.etag])
            #expect(listed.objects.map(\.size) == [Int64(Self.whole.count)])
        }
    }

    /// Complete decrypts the upload key once (the `kms:Decrypt` check AWS makes) without reading parts.
    @Test func sseKMSMakesOneGenerateAtCreateOneDecryptPerPartAndOneAtComplete() async throws {
        try await StoreFixture.withMultipart { fixture in
            let arn = fixture.keys.createKey("k1")
            let upload = try await fixture.create("k", encryption: .sseKMS(keyId: arn))
            #expect(fixture.keys.generateCalls == 1)
            #expect(fixture.keys.decryptCalls == 0)
            let one = try await fixture.uploadPart("k", upload.uploadId, 1, Self.parts[0])
            let two = try await fixture.uploadPart("k", upload.uploadId, 2, Self.parts[2])
            #expect(fixture.keys.decryptCalls == 2)
            try await fixture.complete("k", upload.uploadId, [one, two])
            #expect(fixture.keys.generateCalls == 1)
            #expect(fixture.keys.decryptCalls == 3)
            _ = try await fixture.get("k")
            #expect(fixture.keys.decryptCalls == 4)
            #expect(fixture.keys.generateCalls == 1)
        }
    }

    @Test(arguments: [(0, 5824), (2990, 3010), (3000, 5047), (5047, 5048), (100, 200), (5048, 5824)])
    func rangesAcrossPartBoundariesDecryptOnlyNeededSegments(_ low: Int, _ high: Int) async throws {
        try await StoreFixture.withMultipart { fixture in
            try await fixture.putMultipart("k", Self.parts)
            let before = fixture.store.counters.segmentsOpened
            let bytes = try await fixture.get("k", range: .bounded(first: Int64(low), last: Int64(high)))
            let whole = Self.whole
            #expect(bytes == Array(whole[low...min(high, whole.count - 1)]))
            // Parts are 3000, 2048 and 777 bytes in 1 KiB segments: count the segments the range touches.
            var expected = 0
            var offset = 0
            for part in Self.parts {
                let first = max(low, offset)
                let last = min(high, offset + part.count - 1)
                if first <= last { expected += (last - offset) / 1024 - (first - offset) / 1024 + 1 }
                offset += part.count
            }
            #expect(fixture.store.counters.segmentsOpened - before == expected)
        }
    }

    @Test func reUploadingAPartReplacesItAndRemovesTheOldBlob() async throws {
        try await StoreFixture.withMultipart { fixture in
            let upload = try await fixture.create("k")
            _ = try await fixture.uploadPart("k", upload.uploadId, 1, testBytes(2500, seed: 9))
            let blobsAfterFirst = Set(fixture.blobFiles())
            let replacement = try await fixture.uploadPart("k", upload.uploadId, 1, Self.parts[0])
            #expect(Set(fixture.blobFiles()).intersection(blobsAfterFirst).isEmpty)
            #expect(fixture.blobFiles().count == 1)
            let last = try await fixture.uploadPart("k", upload.uploadId, 2, Self.parts[2])
            let listed = try await fixture.store.listParts(fixture.address("k", upload.uploadId))
            #expect(listed.parts.map(\.etag) == [replacement.etag, last.etag])
            try await fixture.complete("k", upload.uploadId, [replacement, last])
            #expect(try await fixture.get("k") == Self.parts[0] + Self.parts[2])
        }
    }

    @Test func completeDiscardsUnlistedPartsAndAbortReclaimsEverything() async throws {
        try await StoreFixture.withMultipart { fixture in
            let upload = try await fixture.create("k")
            let one = try await fixture.uploadPart("k", upload.uploadId, 1, Self.parts[0])
            _ = try await fixture.uploadPart("k", upload.uploadId, 2, Self.parts[1])
            let three = try await fixture.uploadPart("k", upload.uploadId, 3, Self.parts[2])
            #expect(fixture.blobFiles().count == 3)
            let completed = try await fixture.complete("k", upload.uploadId, [one, three])
            #expect(fixture.blobFiles().count == 2)
            #expect(try await fixture.get("k") == Self.parts[0] + Self.parts[2])
            // A retried Complete answers as the first did while the key holds the upload's object, as S3 does.
            let again = try await fixture.complete("k", upload.uploadId, [one])
            #expect(again.etag == completed.etag && again.size == completed.size)
            #expect(try await fixture.get("k") == Self.parts[0] + Self.parts[2])
            await fixture.expectError(.noSuchUpload) { try await fixture.complete("other-key", upload.uploadId, [one]) }

            let other = try await fixture.create("other")
            try await fixture.uploadPart("other", other.uploadId, 1, Self.parts[0])
            try await fixture.uploadPart("other", other.uploadId, 2, Self.parts[1])
            #expect(fixture.blobFiles().count == 4)
            try await fixture.store.abortMultipartUpload(fixture.address("other", other.uploadId))
            #expect(fixture.blobFiles().count == 2)
            await fixture.expectError(.noSuchUpload) {
                try await fixture.uploadPart("other", other.uploadId, 1, [1])
            }
            await fixture.expectError(.noSuchUpload) {
                _ = try await fixture.store.listParts(fixture.address("other", other.uploadId))
            }
        }
    }

    @Test func aRetriedCompleteAfterAnOverwriteIsNoSuchUpload() async throws {
        try await StoreFixture.withMultipart { fixture in
            let upload = try await fixture.create("k")
            let one = try await fixture.uploadPart("k", upload.uploadId, 1, Self.parts[0])
            try await fixture.complete("k", upload.uploadId, [one])
            try await fixture.put("k", [1, 2, 3])
            await fixture.expectError(.noSuchUpload) { try await fixture.complete("k", upload.uploadId, [one]) }
            await fixture.expectError(.noSuchUpload) {
                try await fixture.complete("k", String(repeating: "0", count: 32), [one])
            }
        }
    }

    @Test func deleteAndOverwriteOfAMultipartObjectRemoveAllItsPartBlobs() async throws {
        try await StoreFixture.withMultipart { fixture in
            try await fixture.putMultipart("k", Self.parts)
            #expect(fixture.blobFiles().count == 3)
            try await fixture.put("k", testBytes(10))
            #expect(fixture.blobFiles().count == 1)
            try await fixture.putMultipart("k", Self.parts)
            #expect(fixture.blobFiles().count == 3)
            try await fixture.putMultipart("k", Array(Self.parts.prefix(2)))
            #expect(fixture.blobFiles().count == 2)
            try await fixture.store.deleteObjects(bucket: "bucket1", keys: ["k"])
            #expect(fixture.blobFiles().isEmpty)
        }
    }

    /// As on AWS, a bucket whose objects are all deleted can be deleted while uploads are in progress; the uploads and
    /// their parts go with it (AWS documents no BucketNotEmpty for uploads, and S3-compatible servers that refused it
    /// changed to match).
    @Test func deletingAnEmptyBucketRemovesItsUploadsAndTheirPartBlobs() async throws {
        try await StoreFixture.withMultipart { fixture in
            let upload = try await fixture.create("k")
            try await fixture.uploadPart("k", upload.uploadId, 1, Self.parts[0])
            try await fixture.uploadPart("k", upload.uploadId, 2, Self.parts[1])
            #expect(fixture.blobFiles().count == 2)
            try await fixture.store.deleteBucket("bucket1")
            #expect(fixture.blobFiles().isEmpty)
            try await fixture.store.createBucket("bucket1")
            await fixture.expectError(.noSuchUpload) {
                try await fixture.uploadPart("k", upload.uploadId, 3, Self.parts[2])
            }
        }
    }

    @Test func theStartUpSweepKeepsPartBlobsOfUploadsAndObjects() async throws {
        try await StoreFixture.withMultipart { fixture in
            try await fixture.putMultipart("done", Self.parts)
            let upload = try await fixture.create("pending")
            try await fixture.uploadPart("pending", upload.uploadId, 1, Self.parts[0])
            let restarted = try await fixture.reopened()
            #expect(restarted.blobFiles().count == 4)
            #expect(try await restarted.get("done") == Self.whole)
            let part = try await restarted.store.listParts(restarted.address("pending", upload.uploadId)).parts
            try await restarted.complete("pending", upload.uploadId, part)
            #expect(try await restarted.get("pending") == Self.parts[0])
            try await restarted.store.shutdown()
        }
    }

    @Test func uploadsOlderThanTheExpiryAreAbortedWithTheirBlobs() async throws {
        let clock = TestWallClock()
        let expiry: (inout ObjectStoreConfiguration) -> Void = { configuration in
            configuration.clock = clock.now
            configuration.multipartUploadExpiry = .seconds(3600)
        }
        try await StoreFixture.withMultipart(configure: expiry) { fixture in
            let old = try await fixture.create("old")
            try await fixture.uploadPart("old", old.uploadId, 1, Self.parts[0])
            clock.advance(by: 1800)
            let young = try await fixture.create("young")
            try await fixture.uploadPart("young", young.uploadId, 1, Self.parts[1])
            #expect(try await fixture.store.abortExpiredUploads() == 0)
            clock.advance(by: 1801)
            #expect(try await fixture.store.abortExpiredUploads() == 1)
            #expect(fixture.blobFiles().count == 1)
            await fixture.expectError(.noSuchUpload) {
                _ = try await fixture.store.listParts(fixture.address("old", old.uploadId))
            }
            let uploads = try await fixture.store.listMultipartUploads(bucket: "bucket1", ListUploadsRequest())
            #expect(uploads.uploads.map(\.key) == ["young"])
        }
    }

    @Test func aSwappedOrTamperedPartBlobIsDetected() async throws {
        try await StoreFixture.withMultipart { fixture in
            try await fixture.putMultipart("k", [Self.parts[0], Self.parts[0]])
            let parts = try await fixture.store.database.objectParts(
                try await fixture.store.database.object(bucket: "bucket1", key: "k").objectId, covering: nil)
            let first = fixture.store.files.path(for: try parts[0].blobID)
            let second = fixture.store.files.path(for: try parts[1].blobID)
            // Same plaintext, same upload key: swapping the two blobs must still fail.
            let bytesOne = try Data(contentsOf: URL(fileURLWithPath: first))
            let bytesTwo = try Data(contentsOf: URL(fileURLWithPath: second))
            try bytesTwo.write(to: URL(fileURLWithPath: first))
            try bytesOne.write(to: URL(fileURLWithPath: second))
            await fixture.expectError(.corruptObject) { _ = try await fixture.get("k") }
            // Restored, then one flipped byte in the second part's ciphertext.
            try bytesOne.write(to: URL(fileURLWithPath: first))
            var flipped = bytesTwo
            flipped[100] ^= 1
            try flipped.write(to: URL(fileURLWithPath: second))
            await fixture.expectError(.corruptObject) { _ = try await fixture.get("k") }
            #expect(try await fixture.get("k", range: .bounded(first: 0, last: 2999)) == Self.parts[0])
        }
    }

    @Test func checksumsArePerPartAndComposedAtCompletion() async throws {
        try await StoreFixture.withMultipart { fixture in
            let upload = try await fixture.create(
                "k", checksum: MultipartChecksum(algorithm: .crc32c, type: .fullObject))
            let one = try await fixture.uploadPart("k", upload.uploadId, 1, Self.parts[0])
            #expect(one.checksums.crc32c == MultipartChecksum.digest(.crc32c, Self.parts[0]))
            await fixture.expectError(.badDigest) {
                try await fixture.uploadPart(
                    "k", upload.uploadId, 2, Self.parts[2],
                    checksums: [
                        ChecksumRequest(
                            .sha256,
                            expected: .value(
                                MultipartChecksum.digest(.sha256, Self.parts[1])))
                    ])
            }
            let two = try await fixture.uploadPart(
                "k", upload.uploadId, 2, Self.parts[2],
                checksums: [
                    ChecksumRequest(.sha256, expected: .value(MultipartChecksum.digest(.sha256, Self.parts[2])))
                ])
            let result = try await fixture.complete("k", upload.uploadId, [one, two])
            #expect(result.checksums.crc32c == MultipartChecksum.digest(.crc32c, Self.parts[0] + Self.parts[2]))
            #expect(result.checksumType == .fullObject)
        }
    }

    @Test func conditionalCompleteHonoursIfNoneMatchAndIfMatch() async throws {
        try await StoreFixture.withMultipart { fixture in
            let first = try await fixture.create("k")
            let part = try await fixture.uploadPart("k", first.uploadId, 1, Self.parts[2])
            await fixture.expectError(.noSuchKey) {
                try await fixture.complete("k", first.uploadId, [part], conditions: WriteConditions(ifMatch: "\"x\""))
            }
            let made = try await fixture.complete(
                "k", first.uploadId, [part], conditions: WriteConditions(ifNoneMatch: true))
            let second = try await fixture.create("k")
            let again = try await fixture.uploadPart("k", second.uploadId, 1, Self.parts[1])
            await fixture.expectError(.preconditionFailed) {
                try await fixture.complete(
                    "k", second.uploadId, [again], conditions: WriteConditions(ifNoneMatch: true))
            }
            await fixture.expectError(.preconditionFailed) {
                try await fixture.complete(
                    "k", second.uploadId, [again], conditions: WriteConditions(ifMatch: "\"nope\""))
            }
            try await fixture.complete("k", second.uploadId, [again], conditions: WriteConditions(ifMatch: made.etag))
            #expect(try await fixture.get("k") == Self.parts[1])
        }
    }

    @Test func listingUploadsHonoursPrefixDelimiterAndMarkers() async throws {
        try await StoreFixture.withMultipart { fixture in
            var ids: [String: String] = [:]
            for key in ["a/1", "a/2", "b", "c", "c"] {
                ids[key] = try await fixture.create(key).uploadId
            }
            let all = try await fixture.store.listMultipartUploads(bucket: "bucket1", ListUploadsRequest())
            #expect(all.uploads.map(\.key) == ["a/1", "a/2", "b", "c", "c"])
            let rolled = try await fixture.store.listMultipartUploads(
                bucket: "bucket1", ListUploadsRequest(delimiter: "/"))
            #expect(rolled.commonPrefixes == ["a/"])
            #expect(rolled.uploads.map(\.key) == ["b", "c", "c"])
            let page = try await fixture.store.listMultipartUploads(
                bucket: "bucket1", ListUploadsRequest(maxUploads: 4))
            #expect(page.isTruncated)
            #expect(page.nextKeyMarker == "c")
            let rest = try await fixture.store.listMultipartUploads(
                bucket: "bucket1",
                ListUploadsRequest(keyMarker: page.nextKeyMarker, uploadIdMarker: page.nextUploadIdMarker))
            #expect(rest.uploads.count == 1)
            #expect(rest.uploads[0].uploadId != page.uploads[3].uploadId)
            #expect(!rest.isTruncated)
            let prefixed = try await fixture.store.listMultipartUploads(
                bucket: "bucket1", ListUploadsRequest(prefix: "a/", keyMarker: "a/1"))
            #expect(prefixed.uploads.map(\.key) == ["a/2"])
        }
    }

    @Test func uploadPartCopyCopiesARangeAcrossThePartsOfAMultipartSource() async throws {
        try await StoreFixture.withMultipart { fixture in
            let arn = fixture.keys.createKey("k1")
            try await fixture.putMultipart("source", Self.parts, encryption: .sseKMS(keyId: arn))
            let upload = try await fixture.create("copy", encryption: .sseS3)
            let copied = try await fixture.store.uploadPartCopy(
                fixture.address("copy", upload.uploadId), partNumber: 1,
                source: CopySourceRequest(
                    bucket: "bucket1", key: "source", range: CopySourceRange(first: 2500, last: 5500)),
                requester: StoreFixture.requester)
            #expect(copied.part.size == 3001)
            #expect(copied.encryption.algorithm == .aes256)
            try await fixture.complete("copy", upload.uploadId, [copied.part])
            #expect(try await fixture.get("copy") == Array(Self.whole[2500...5500]))
            await fixture.expectError(.noSuchUpload) {
                _ = try await fixture.store.uploadPartCopy(
                    fixture.address("copy", upload.uploadId), partNumber: 1,
                    source: CopySourceRequest(bucket: "bucket1", key: "source"), requester: StoreFixture.requester)
            }
        }
    }

    @Test func listPartsPaginatesByPartNumber() async throws {
        try await StoreFixture.withMultipart { fixture in
            let upload = try await fixture.create("k")
            for number in [1, 2, 5, 9] { try await fixture.uploadPart("k", upload.uploadId, number, [UInt8(number)]) }
            let first = try await fixture.store.listParts(fixture.address("k", upload.uploadId), maxParts: 2)
            #expect(first.parts.map(\.partNumber) == [1, 2])
            #expect(first.isTruncated && first.nextPartNumberMarker == 2)
            let rest = try await fixture.store.listParts(
                fixture.address("k", upload.uploadId), partNumberMarker: first.nextPartNumberMarker!)
            #expect(rest.parts.map(\.partNumber) == [5, 9])
            #expect(!rest.isTruncated)
            await fixture.expectError(.invalidArgument) {
                try await fixture.uploadPart("k", upload.uploadId, 10_001, [1])
            }
            await fixture.expectError(.noSuchUpload) {
                _ = try await fixture.store.listParts(fixture.address("other-key", upload.uploadId))
            }
        }
    }
}
