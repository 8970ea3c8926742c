import Crypto
import Foundation
public import NIOCore

extension ObjectStore {
    /// CreateMultipartUpload: resolves the encryption against the bucket default and obtains the upload's data key
    /// (SSE-S3: wrapped locally; SSE-KMS: one `generateDataKey` under the object-ARN context; with a bucket key:
    /// derived), then records the upload with the key's stored form. No plaintext key is kept.
    ///
    /// Throws ``ObjectStoreError`` kinds: `noSuchBucket`, `invalidKey`, `invalidArgument`, the `kms*` kinds.
    public func createMultipartUpload(_ request: CreateMultipartUploadRequest) async throws -> MultipartUploadInfo {
        try await inContext(bucket: request.bucket, key: request.key) {
            try ObjectKey.validate(request.key, bucket: request.bucket)
            let bucket = try await metadata.bucket(request.bucket)
            let encryption = try ResolvedEncryption.resolve(request.encryption, bucketDefault: bucket.encryption)
            let identity = ObjectID.random()
            let (_, storedKey) = try await keyring.newDataKey(
                encryption, bucket: request.bucket, key: request.key, objectID: identity, requester: request.requester)
            let row = UploadRow(
                request, identity: identity, storedKey: storedKey, segmentSize: configuration.segmentSize,
                now: configuration.clock())
            try await metadata.insertUpload(row)
            return row.info
        }
    }

    /// UploadPart: recovers the upload's data key (SSE-KMS: one `decryptDataKey` on the requester's behalf),
    /// derives a fresh key for a new part blob (``PartKey``), streams the body into it exactly as PutObject
    /// does, verifies the digests, and records the part, replacing that part number's previous blob.
    ///
    /// Throws ``ObjectStoreError`` kinds: `noSuchBucket`, `noSuchUpload`, `invalidArgument` (part number),
    /// `invalidDigest`, `invalidRequest`, `badDigest`, `entityTooLarge`, the `kms*` kinds.
    public func uploadPart<Body: AsyncSequence>(
        _ request: UploadPartRequest, body: Body
    ) async throws -> UploadPartResult where Body.Element == ByteBuffer {
        try await inContext(bucket: request.upload.bucket, key: request.upload.key) {
            guard (1...CompletionPlan.maximumParts).contains(request.partNumber) else {
                throw ObjectStoreError.invalidPartNumber(request.partNumber)
            }
            let digests = try ExpectedDigests(contentMD5: request.contentMD5, checksums: request.checksums)
            if let length = request.contentLength, length > configuration.maximumObjectSize {
                throw ObjectStoreError.entityTooLarge(limit: configuration.maximumObjectSize)
            }
            let address = request.upload
            let upload = try await metadata.upload(address.uploadId, bucket: address.bucket, key: address.key)
            let uploadKey = try await keyring.dataKey(
                for: upload, objectID: try upload.objectID, requester: request.requester)
            let part = try await storePart(
                request.partNumber, of: upload, uploadKey: uploadKey, body: body,
                digests: digests.computing(upload.checksum?.algorithm))
            return UploadPartResult(part: part, encryption: upload.encryptionInfo)
        }
    }

    /// Writes one part blob under its own key and commits its row; removes the replaced part's blob afterwards.
    func storePart<Body: AsyncSequence>(
        _ partNumber: Int, of upload: UploadRow, uploadKey: SymmetricKey, body: Body, digests: ExpectedDigests
    ) async throws -> PartInfo where Body.Element == ByteBuffer {
        let blobID = ObjectID.random()
        let salt = BucketKey.randomBytes(PartKey.saltSize)
        let partKey = PartKey.derive(
            uploadKey: uploadKey, salt: salt, upload: try upload.objectID, partNumber: partNumber, blob: blobID)
        do {
            let blob = try await writeBlob(
                blobID, dataKey: partKey, body: body, digests: digests, inlineLimit: 0)
            let part = PartRow(
                partNumber: partNumber, blobId: Data(blobID.bytes), partSalt: Data(salt), size: blob.size,
                etag: blob.md5.hexString, lastModified: configuration.clock().millisecondsSince1970,
                segmentSize: blob.segmentSize, checksums: blob.checksums)
            if let replaced = try await metadata.commitPart(part, upload: upload) {
                await blobs.remove(replaced)
            }
            return part.info
        } catch {
            await blobs.discard(blobID)
            throw error
        }
    }

    /// AbortMultipartUpload: deletes the upload and its parts in one transaction, then the part blobs.
    ///
    /// Throws `noSuchBucket` or `noSuchUpload`.
    public func abortMultipartUpload(_ upload: UploadAddress) async throws {
        try await inContext(bucket: upload.bucket, key: upload.key) {
            let removed = try await metadata.deleteUpload(upload.uploadId, bucket: upload.bucket, key: upload.key)
            for id in removed { await blobs.remove(id) }
        }
    }
}

extension PartRow {
    /// A new upload part's row.
    init(
        partNumber: Int, blobId: Data, partSalt: Data, size: Int64, etag: String, lastModified: Int64,
        segmentSize: Int, checksums: ObjectChecksums
    ) {
        self.init(
            uploadId: nil, objectId: nil, partNumber: partNumber, offset: nil, blobId: blobId, partSalt: partSalt,
            size: size, etag: etag, lastModified: lastModified, segmentSize: segmentSize,
            checksumCrc32: checksums.crc32, checksumCrc32c: checksums.crc32c, checksumCrc64nvme: checksums.crc64nvme,
            checksumSha1: checksums.sha1, checksumSha256: checksums.sha256)
    }
}
