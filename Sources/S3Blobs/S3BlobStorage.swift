public import Foundation
public import Logging
import NIOCore
public import ObjectStore
public import S3BlobClient
import Synchronization
import TextCodings

/// Sealed blobs in an S3-compatible bucket (`coffer serve --blobs s3://BUCKET[/PREFIX]`): Coffer as an encrypting
/// gateway, the backend only ever holding ciphertext (issue #13).
///
/// A blob is the object `PREFIX/<first two hex digits>/<32 hex digits>`, written once: one PUT for a blob of up to
/// ``partSize`` bytes, a multipart upload of ``partSize`` parts otherwise (nothing is visible under the key until the
/// upload completes, and memory stays at one part per upload in flight). Reads are range GETs. The orphan sweep lists
/// the bucket and never deletes a blob younger than ``sweepGrace``, which may be another node's upload in flight.
/// Abandoned multipart uploads are left to the bucket's lifecycle rule (`AbortIncompleteMultipartUpload`).
///
/// A backend that cannot be reached, or answers 5xx after the client's retries, fails the request with
/// ``ObjectStore/ObjectStoreError/Kind/storageUnavailable`` (503); a refusal (a wrong secret, a missing bucket) is an
/// internal error, logged with the backend's code.
public final class S3BlobStorage: BlobStorage {
    /// The size of each part of a multipart blob: S3's minimum is 5 MiB.
    public static let partSize = 8 << 20

    /// A blob of up to 4 MiB is read whole when opened: one round trip instead of two for an object of a few MiB,
    /// at the cost of holding it in memory while it is served.
    public var wholeReadLimit: Int { 4 << 20 }

    let client: S3BlobClient
    let logger: Logger
    /// A blob younger than this is never swept.
    let sweepGrace: Duration
    /// The multipart uploads in flight, by blob id, so that a discarded blob's upload is aborted.
    let uploads = Mutex<[ObjectID: String]>([:])

    /// Keeps blobs through `client` (its bucket and prefix).
    public init(client: S3BlobClient, sweepGrace: Duration = .seconds(3600), logger: Logger) {
        self.client = client
        self.sweepGrace = sweepGrace
        self.logger = logger
    }

    /// The object key of blob `id`.
    static func key(_ id: ObjectID) -> String {
        let hex = id.hex
        return "\(hex.prefix(2))/\(hex)"
    }

    public func createUpload(for id: ObjectID) async throws -> any BlobUpload {
        S3BlobUpload(storage: self, id: id)
    }

    public func publish(_ id: ObjectID, bytes: [UInt8]) async throws {
        try await mapped { try await client.put(key: Self.key(id), body: ByteBuffer(bytes: bytes)) }
    }

    public func open(_ id: ObjectID, prefix: Int) async throws -> OpenedBlob? {
        let key = Self.key(id)
        guard
            let (bytes, size) = try await mapped({
                try await client.get(key: key, range: 0...Int64(max(prefix, 1) - 1))
            })
        else { return nil }
        return OpenedBlob(reader: S3BlobReader(storage: self, key: key), size: size, prefix: bytes)
    }

    public func size(of id: ObjectID) async throws -> Int64? {
        try await mapped { try await client.head(key: Self.key(id))?.size }
    }

    public func discard(_ id: ObjectID) async {
        if let uploadId = uploads.withLock({ $0.removeValue(forKey: id) }) {
            try? await client.abortMultipartUpload(key: Self.key(id), uploadId: uploadId)
        }
        await remove(id)
    }

    public func remove(_ id: ObjectID) async {
        do {
            try await client.delete(key: Self.key(id))
        } catch {
            logger.warning("A blob could not be removed; the orphan sweep will", metadata: ["error": "\(error)"])
        }
    }

    public func removeAllUnpublished() async throws -> Int {
        0  // S3 has no unpublished objects: an upload in flight is a multipart upload (see the type's comment)
    }

    public func blobNames(firstByte: UInt8) async throws -> [String] {
        let group = Hex.encode([firstByte])
        let cutoff = Date().addingTimeInterval(-TimeInterval(sweepGrace.components.seconds))
        var names: [String] = []
        var token: String?
        repeat {  // bounded: each page advances the listing, which ends
            let page = try await mapped { [token] in
                try await client.list(prefix: group + "/", continuationToken: token)
            }
            for object in page.objects where object.lastModified < cutoff {
                names.append(String(object.key.dropFirst(group.count + 1)))
            }
            token = page.next
        } while token != nil
        return names
    }

    public func removeBlobs(named names: [String], firstByte: UInt8) async throws {
        let group = Hex.encode([firstByte])
        for name in names {
            try await mapped { try await client.delete(key: "\(group)/\(name)") }
        }
    }

    /// Runs one client call, turning its failures into the store's: unreachable or 5xx is 503.
    func mapped<T: Sendable>(_ call: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as S3BlobClientError {
            logger.error("Blob storage request failed", metadata: ["error": "\(error)"])
            if error.isConnectionFailure || error.status >= 500 { throw ObjectStoreError.storageUnavailable() }
            throw ObjectStoreError.internalError("The blob storage refused a request.")
        }
    }
}

/// A published blob in the bucket, read by range GETs.
struct S3BlobReader: BlobReader {
    let storage: S3BlobStorage
    let key: String

    func read(count: Int, at offset: Int64) async throws -> [UInt8] {
        guard count > 0 else { return [] }
        let read = try await storage.mapped {
            try await storage.client.get(key: key, range: offset...(offset + Int64(count) - 1))
        }
        guard let read else { throw ObjectStoreError.storageUnavailable() }  // removed while being read
        return read.bytes
    }
}
