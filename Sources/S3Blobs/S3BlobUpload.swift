import NIOCore
import ObjectStore
import S3BlobClient
import Synchronization

/// One blob being written to the bucket: buffered into ``S3BlobStorage/partSize`` parts, published by one PUT when it
/// fits in one part, else by completing its multipart upload. The store writes it in order, one call at a time.
actor S3BlobUpload: BlobUpload {
    let storage: S3BlobStorage
    let id: ObjectID
    private var buffer: [UInt8] = []
    private var written: Int64 = 0
    private var uploadId: String?
    private var parts: [(number: Int, etag: String)] = []

    init(storage: S3BlobStorage, id: ObjectID) {
        self.storage = storage
        self.id = id
    }

    func write(_ bytes: [UInt8], at offset: Int64) async throws {
        try append(bytes, at: offset)
        while buffer.count >= S3BlobStorage.partSize {
            try await uploadPart(Array(buffer.prefix(S3BlobStorage.partSize)))
            buffer.removeFirst(S3BlobStorage.partSize)
        }
    }

    func publish(writing tail: [UInt8], at offset: Int64) async throws {
        try append(tail, at: offset)
        guard let uploadId else {
            try await storage.publish(id, bytes: buffer)
            return
        }
        if !buffer.isEmpty || parts.isEmpty { try await uploadPart(buffer) }
        let key = S3BlobStorage.key(id)
        let parts = self.parts
        try await storage.mapped {
            try await storage.client.completeMultipartUpload(key: key, uploadId: uploadId, parts: parts)
        }
        _ = storage.uploads.withLock { $0.removeValue(forKey: id) }
        buffer = []
    }

    /// Adds bytes written at `offset`, which must be where the last write ended.
    private func append(_ bytes: [UInt8], at offset: Int64) throws {
        guard offset == written else {
            throw ObjectStoreError.internalError("blob written out of order: \(offset) after \(written) bytes")
        }
        buffer.append(contentsOf: bytes)
        written += Int64(bytes.count)
    }

    private func uploadPart(_ bytes: [UInt8]) async throws {
        let key = S3BlobStorage.key(id)
        if uploadId == nil {
            let started = try await storage.mapped { try await storage.client.createMultipartUpload(key: key) }
            storage.uploads.withLock { $0[id] = started }
            uploadId = started
        }
        guard let uploadId else { return }
        let number = parts.count + 1
        let etag = try await storage.mapped {
            try await storage.client.uploadPart(
                key: key, uploadId: uploadId, partNumber: number, body: ByteBuffer(bytes: bytes))
        }
        parts.append((number, etag))
    }
}
