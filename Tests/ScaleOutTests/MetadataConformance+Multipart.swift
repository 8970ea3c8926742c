import Foundation
import Testing

@testable import ObjectStore

extension MetadataConformanceTests {
    static let uploadsAndParts: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("mpu"))
        let upload = MetadataSamples.upload("mpu", "big", initiated: 1_000)
        await expectError(.noSuchBucket) { try await store.insertUpload(MetadataSamples.upload("missing", "k")) }
        try await store.insertUpload(upload)
        #expect(try await store.upload(upload.uploadId, bucket: "mpu", key: "big") == upload)
        await expectError(.noSuchUpload) { _ = try await store.upload(upload.uploadId, bucket: "mpu", key: "other") }
        await expectError(.noSuchBucket) { _ = try await store.upload(upload.uploadId, bucket: "missing", key: "big") }
        // A part number's second part replaces the first, whose blob comes back.
        let first = MetadataSamples.part(2)
        #expect(try await store.commitPart(first, upload: upload) == nil)
        let second = MetadataSamples.part(2, size: 7)
        #expect(try await store.commitPart(second, upload: upload) == (try first.blobID))
        for number in [1, 3, 4] { _ = try await store.commitPart(MetadataSamples.part(number), upload: upload) }
        let (row, page) = try await store.uploadWithParts(
            upload.uploadId, bucket: "mpu", key: "big", after: 1, limit: 2)
        #expect(row == upload)
        #expect(page.map(\.partNumber) == [2, 3])
        #expect(page.first?.size == 7)
        #expect(page.first?.uploadId == upload.uploadId)
        let old = MetadataSamples.upload("mpu", "young", initiated: 5_000)
        try await store.insertUpload(old)
        #expect(
            try await store.uploads(initiatedBefore: 2_000, limit: 10)
                == [UploadIdentity(id: upload.uploadId, bucket: "mpu", key: "big")])
        #expect(try await store.uploads(initiatedBefore: 9_000, limit: 1).count == 1)
        let removed = try await store.deleteUpload(upload.uploadId, bucket: "mpu", key: "big")
        #expect(Set(removed).count == 4)
        await expectError(.noSuchUpload) {
            _ = try await store.deleteUpload(upload.uploadId, bucket: "mpu", key: "big")
        }
        await expectError(.noSuchUpload) { _ = try await store.commitPart(first, upload: upload) }
    }

    static let completion: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("done"))
        let upload = MetadataSamples.upload("done", "obj")
        try await store.insertUpload(upload)
        let parts = [MetadataSamples.part(1, size: 100), MetadataSamples.part(2, size: 50), MetadataSamples.part(3)]
        for part in parts { _ = try await store.commitPart(part, upload: upload) }
        _ = try await store.commitObjects([(MetadataSamples.object("done", "obj"), .none)])
        let request = CompleteMultipartUploadRequest(
            upload: UploadAddress(bucket: "done", key: "obj", uploadId: upload.uploadId),
            parts: [1, 2].map { CompletedPart(partNumber: $0, etag: parts[$0 - 1].etag) },
            conditions: WriteConditions(ifNoneMatch: true),
            requester: DataKeyRequester(principalArn: "p", accountId: "a"))
        await expectError(.preconditionFailed) {
            _ = try await store.completeUpload(request, minimumPartSize: 1, now: Date(), fault: nil)
        }
        var unconditional = request
        unconditional.conditions = .none
        let done = try await store.completeUpload(unconditional, minimumPartSize: 1, now: Date(), fault: nil)
        #expect(done.row.partsCount == 2)
        #expect(done.row.size == 150)
        // The replaced object's blob and the unlisted part 3's.
        #expect(done.unreferenced.count == 2)
        #expect(done.unreferenced.contains(try parts[2].blobID))
        #expect(try await store.object(bucket: "done", key: "obj") == done.row)
        await expectError(.noSuchUpload) { _ = try await store.upload(upload.uploadId, bucket: "done", key: "obj") }
        let objectId = done.row.objectId
        #expect(try await store.objectParts(objectId, covering: nil).map(\.offset) == [0, 100])
        #expect(try await store.objectParts(objectId, covering: 120...130).map(\.partNumber) == [2])
        #expect(try await store.objectParts(objectId, covering: 99...100).map(\.partNumber) == [1, 2])
        #expect(try await store.objectPart(objectId, ordinal: 2)?.blobId == parts[1].blobId)
        #expect(try await store.objectPart(objectId, ordinal: 3) == nil)
        let (row, page) = try await store.objectWithParts(bucket: "done", key: "obj", after: 1, limit: 5)
        #expect(row == done.row)
        #expect(page.map(\.partNumber) == [2])
        // Part rows moved to the object: a failed completion (a fault) leaves everything as it was.
        let second = MetadataSamples.upload("done", "obj")
        try await store.insertUpload(second)
        _ = try await store.commitPart(MetadataSamples.part(1), upload: second)
        var failing = unconditional
        failing.upload.uploadId = second.uploadId
        failing.parts = [CompletedPart(partNumber: 1, etag: MetadataSamples.part(1).etag)]
        struct Crash: Error {}
        await #expect(throws: Crash.self) {
            _ = try await store.completeUpload(failing, minimumPartSize: 1, now: Date()) { step in
                if step == .uploadDeleted { throw Crash() }
            }
        }
        #expect(try await store.object(bucket: "done", key: "obj") == done.row)
        #expect(try await store.upload(second.uploadId, bucket: "done", key: "obj") == second)
    }

    static let uploadListing: MetadataCheck = { store in
        try await store.createBucket(MetadataSamples.bucket("ups"))
        var uploads: [UploadRow] = []
        for (index, key) in ["b", "a/x", "a/y", "é", "a/x", "c"].enumerated() {
            let upload = MetadataSamples.upload("ups", key, initiated: Int64(100 - index))
            try await store.insertUpload(upload)
            uploads.append(upload)
        }
        let all = try await store.listUploads(bucket: "ups", ListUploadsRequest())
        #expect(all.uploads.map(\.key) == ["a/x", "a/x", "a/y", "b", "c", "é"])
        // Same key: older first.
        #expect(all.uploads.prefix(2).map(\.uploadId) == [uploads[4].uploadId, uploads[1].uploadId])
        let folders = try await store.listUploads(bucket: "ups", ListUploadsRequest(delimiter: "/"))
        #expect(folders.commonPrefixes == ["a/"])
        #expect(folders.uploads.map(\.key) == ["b", "c", "é"])
        let page = try await store.listUploads(bucket: "ups", ListUploadsRequest(maxUploads: 2))
        #expect(page.isTruncated)
        #expect(page.nextKeyMarker == "a/x")
        let rest = try await store.listUploads(
            bucket: "ups", ListUploadsRequest(keyMarker: page.nextKeyMarker, uploadIdMarker: page.nextUploadIdMarker))
        #expect(rest.uploads.map(\.key) == ["a/y", "b", "c", "é"])
        let afterKey = try await store.listUploads(bucket: "ups", ListUploadsRequest(keyMarker: "b"))
        #expect(afterKey.uploads.map(\.key) == ["c", "é"])
        await expectError(.noSuchBucket) { _ = try await store.listUploads(bucket: "nope", ListUploadsRequest()) }
    }
}
