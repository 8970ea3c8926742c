import Foundation
import Testing

@testable import ObjectStore

/// A failure injected at each step of CompleteMultipartUpload, then a restart: the object is whole or absent.
@Suite("Multipart crash safety")
struct MultipartCrashTests {
    struct InjectedCrash: Error {}

    @Test(arguments: CompleteStep.allCases)
    func aCrashAtAnyStepOfCompleteLeavesTheWholeObjectOrNone(_ step: CompleteStep) async throws {
        let parts = [testBytes(3000, seed: 1), testBytes(2500, seed: 2), testBytes(100, seed: 3)]
        try await StoreFixture.withMultipart(durability: .durable) { fixture in
            // Given an existing single-blob object and an upload of three parts, of which two are listed.
            try await fixture.put("k", testBytes(500, seed: 7))
            let upload = try await fixture.create("k")
            var infos: [PartInfo] = []
            for (index, bytes) in parts.enumerated() {
                infos.append(try await fixture.uploadPart("k", upload.uploadId, index + 1, bytes))
            }
            // When Complete "crashes" at `step`.
            let crashing = fixture.store.withCompleteFault { current in
                if current == step { throw InjectedCrash() }
            }
            await #expect(throws: InjectedCrash.self) {
                _ = try await crashing.completeMultipartUpload(
                    CompleteMultipartUploadRequest(
                        upload: fixture.address("k", upload.uploadId),
                        parts: [infos[0], infos[2]].map { CompletedPart(partNumber: $0.partNumber, etag: $0.etag) },
                        requester: StoreFixture.requester))
            }
            // Then after a restart the key holds either the old object (and the upload survives) or the new one.
            let restarted = try await fixture.reopened()
            let bytes = try await restarted.get("k")
            if step == .committed {
                #expect(bytes == parts[0] + parts[2])
                await restarted.expectError(.noSuchUpload) {
                    _ = try await restarted.store.listParts(restarted.address("k", upload.uploadId))
                }
                #expect(restarted.blobFiles().count == 2)
            } else {
                #expect(bytes == testBytes(500, seed: 7))
                let listed = try await restarted.store.listParts(restarted.address("k", upload.uploadId))
                #expect(listed.parts.count == 3)
                #expect(restarted.blobFiles().count == 4)
                try await restarted.complete("k", upload.uploadId, [infos[0], infos[2]])
                #expect(try await restarted.get("k") == parts[0] + parts[2])
                #expect(restarted.blobFiles().count == 2)
            }
            try await restarted.store.shutdown()
        }
    }
}

extension ObjectStore {
    /// A copy of this store whose CompleteMultipartUploads run `hook` at each step.
    func withCompleteFault(_ hook: @escaping @Sendable (CompleteStep) throws -> Void) -> ObjectStore {
        var configuration = self.configuration
        configuration.completeFault = hook
        return ObjectStore(
            configuration: configuration, metadata: metadata, blobs: blobs, files: files, committer: committer,
            keyring: keyring,
            counters: counters, logger: logger)
    }
}
