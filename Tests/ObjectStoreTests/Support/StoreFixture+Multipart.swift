import Foundation
import Synchronization
import Testing

@testable import ObjectStore

extension StoreFixture {
    /// The minimum part size multipart fixtures use, so tests stay small.
    static let testMinimumPartSize: Int64 = 2048

    /// Runs `body` with a store whose minimum part size is ``testMinimumPartSize``.
    static func withMultipart(
        durability: Durability = .relaxed,
        configure: @escaping (inout ObjectStoreConfiguration) -> Void = { _ in },
        _ body: (StoreFixture) async throws -> Void
    ) async throws {
        try await with(
            durability: durability,
            configure: { configuration in
                configuration.minimumPartSize = testMinimumPartSize
                configure(&configuration)
            }, body)
    }

    func address(_ key: String, _ uploadId: String) -> UploadAddress {
        UploadAddress(bucket: "bucket1", key: key, uploadId: uploadId)
    }

    /// Creates an upload of `key`.
    func create(
        _ key: String, encryption: EncryptionRequest = .bucketDefault, checksum: MultipartChecksum? = nil
    ) async throws -> MultipartUploadInfo {
        try await store.createMultipartUpload(
            CreateMultipartUploadRequest(
                bucket: "bucket1", key: key, encryption: encryption, checksum: checksum,
                requester: StoreFixture.requester))
    }

    /// Uploads one part.
    @discardableResult
    func uploadPart(
        _ key: String, _ uploadId: String, _ number: Int, _ bytes: [UInt8], checksums: [ChecksumRequest] = []
    ) async throws -> PartInfo {
        try await store.uploadPart(
            UploadPartRequest(
                upload: address(key, uploadId), partNumber: number, checksums: checksums,
                requester: StoreFixture.requester),
            body: ByteChunks(bytes: bytes, chunkSize: 1000)
        ).part
    }

    /// Completes with the given parts.
    @discardableResult
    func complete(
        _ key: String, _ uploadId: String, _ parts: [PartInfo], conditions: ObjectConditions = ObjectConditions()
    ) async throws -> CompleteMultipartUploadResult {
        try await store.completeMultipartUpload(
            CompleteMultipartUploadRequest(
                upload: address(key, uploadId),
                parts: parts.map { CompletedPart(partNumber: $0.partNumber, etag: $0.etag) },
                conditions: conditions, requester: StoreFixture.requester))
    }

    /// Uploads `parts` as parts 1...N of a new upload of `key` and completes it.
    @discardableResult
    func putMultipart(
        _ key: String, _ parts: [[UInt8]], encryption: EncryptionRequest = .bucketDefault
    ) async throws -> CompleteMultipartUploadResult {
        let upload = try await create(key, encryption: encryption)
        var infos: [PartInfo] = []
        for (index, bytes) in parts.enumerated() {
            infos.append(try await uploadPart(key, upload.uploadId, index + 1, bytes))
        }
        return try await complete(key, upload.uploadId, infos)
    }
}

/// A wall clock that only moves when a test advances it, for upload expiry.
final class TestWallClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))

    @Sendable func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}
