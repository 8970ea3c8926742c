import Crypto

/// The key one part blob is sealed under (docs/storage-format.md §8).
///
/// `HKDF-SHA256(ikm: upload data key, salt: 32 random bytes drawn for this blob, info: label || upload identity
/// || part number (u32 BE) || blob id)`. Every part blob, re-uploads included, gets a fresh salt and blob id, so
/// no two blobs share a key even though segment nonces restart at zero in each; the blob's header (and so every
/// segment's additional data) binds the blob id, and the info binds the upload and part number.
enum PartKey {
    static let label = Array("coffer-part-key-v1".utf8)
    static let saltSize = 32

    /// The part blob's key, which ``SegmentCipher`` uses as its data key.
    static func derive(
        uploadKey: SymmetricKey, salt: [UInt8], upload: ObjectID, partNumber: Int, blob: ObjectID
    ) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: uploadKey,
            salt: salt,
            info: label + upload.bytes + UInt32(partNumber).bigEndianBytes + blob.bytes,
            outputByteCount: 32
        )
    }

    /// The cipher of a stored part.
    static func cipher(uploadKey: SymmetricKey, upload: ObjectID, part: PartRow) throws -> SegmentCipher {
        let blob = try part.blobID
        let key = derive(
            uploadKey: uploadKey, salt: Array(part.partSalt), upload: upload, partNumber: part.partNumber, blob: blob)
        return SegmentCipher(dataKey: key, header: BlobHeader(segmentSize: part.segmentSize, objectID: blob))
    }
}
