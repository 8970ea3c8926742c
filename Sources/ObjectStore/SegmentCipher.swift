import Crypto
import Foundation

/// Seals and opens the segments of one object (docs/storage-format.md §Segments).
///
/// - The content key is `HKDF-SHA256(ikm: data key, salt: object id, info: "coffer-blob-v1")`, so even a
///   data key shared by several blobs (a future multipart upload) yields one key per blob.
/// - The nonce is 4 zero bytes followed by the big-endian 64-bit segment index. The content key is unique
///   to the blob and each index is sealed exactly once, so a (key, nonce) pair never repeats.
/// - The additional data is `header (32 bytes) || index (u64 BE) || final flag (1 byte)`, binding the
///   header (and so the object id and segment size), the position, and whether the segment is the last.
struct SegmentCipher: Sendable {
    static let info = Array("coffer-blob-v1".utf8)

    private let key: SymmetricKey
    private let header: [UInt8]

    /// Creates the cipher for the blob described by `header`, from the object's data key.
    init(dataKey: SymmetricKey, header: BlobHeader) {
        self.key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: dataKey,
            salt: header.objectID.bytes,
            info: SegmentCipher.info,
            outputByteCount: 32
        )
        self.header = header.bytes
    }

    /// Seals one segment and appends ciphertext and tag to `output`.
    func seal(
        _ plaintext: UnsafeRawBufferPointer,
        index: Int,
        isFinal: Bool,
        appendingTo output: inout [UInt8]
    ) throws {
        let box = try AES.GCM.seal(
            plaintext,
            using: key,
            nonce: Self.nonce(index),
            authenticating: additionalData(index: index, isFinal: isFinal)
        )
        output.append(contentsOf: box.ciphertext)
        output.append(contentsOf: box.tag)
    }

    /// Opens one sealed segment (ciphertext followed by its tag) and returns the plaintext.
    func open(_ sealed: ArraySlice<UInt8>, index: Int, isFinal: Bool) throws(BlobFormatError) -> Data {
        guard sealed.count >= SegmentLayout.tagSize else { throw .truncated }
        let split = sealed.endIndex - SegmentLayout.tagSize
        do {
            let box = try AES.GCM.SealedBox(
                nonce: Self.nonce(index),
                ciphertext: sealed[sealed.startIndex..<split],
                tag: sealed[split...]
            )
            return try AES.GCM.open(box, using: key, authenticating: additionalData(index: index, isFinal: isFinal))
        } catch {
            throw .authenticationFailed(segment: index)
        }
    }

    private static func nonce(_ index: Int) -> AES.GCM.Nonce {
        try! AES.GCM.Nonce(data: [0, 0, 0, 0] + UInt64(index).bigEndianBytes)
    }

    private func additionalData(index: Int, isFinal: Bool) -> [UInt8] {
        header + UInt64(index).bigEndianBytes + [isFinal ? 1 : 0]
    }
}
