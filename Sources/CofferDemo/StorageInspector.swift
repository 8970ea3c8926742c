import Foundation
import GRDB
import TextCodings

/// Looks at what the server left on disk, as `xxd` and `sqlite3` would: a blob (a file, or a small object's in its
/// row) and the metadata rows.
///
/// It opens `<data>/meta/meta.sqlite` read-only beside the running server (SQLite's WAL mode allows that) and reads
/// the columns the walkthrough's `sqlite3` query shows. No column holds a plaintext key, and none is decrypted here.
struct StorageInspector {
    /// One object's metadata row, as stored.
    struct ObjectRow {
        var objectId: String
        var size: Int
        var sseAlgorithm: String
        var keySource: String
        var kmsKeyArn: String?
        var encryptionContext: String?
        var encryptedDataKey: [UInt8]?
        var bucketKeyId: [UInt8]?
        var keySalt: [UInt8]?
        /// A small object's sealed blob, kept in the row instead of a file (docs/storage-format.md §9).
        var inlineBlob: [UInt8]?
    }

    /// A bucket key's row: the KMS-encrypted bucket key and what it is bound to.
    struct BucketKeyRow {
        var kmsKeyArn: String
        var encryptionContext: String
        var principalArn: String
        var encryptedKey: [UInt8]
    }

    let dataDirectory: URL

    /// The metadata row of `bucket`/`key`.
    func objectRow(bucket: String, key: String) throws -> ObjectRow? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT lower(hex(object_id)) AS object_id, size, sse_algorithm, key_source, kms_key_arn,
                           encryption_context, encrypted_data_key, bucket_key_id, key_salt, inline_blob
                    FROM objects WHERE bucket = ? AND key = ?
                    """, arguments: [bucket, key]
            ).map { row in
                ObjectRow(
                    objectId: row["object_id"], size: row["size"], sseAlgorithm: row["sse_algorithm"],
                    keySource: row["key_source"], kmsKeyArn: row["kms_key_arn"],
                    encryptionContext: row["encryption_context"],
                    encryptedDataKey: (row["encrypted_data_key"] as Data?).map(Array.init),
                    bucketKeyId: (row["bucket_key_id"] as Data?).map(Array.init),
                    keySalt: (row["key_salt"] as Data?).map(Array.init),
                    inlineBlob: (row["inline_blob"] as Data?).map(Array.init))
            }
        }
    }

    /// The bucket key row with `id`.
    func bucketKeyRow(id: [UInt8]) throws -> BucketKeyRow? {
        try read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT kms_key_arn, encryption_context, principal_arn, encrypted_key FROM bucket_keys WHERE id = ?",
                arguments: [Data(id)]
            ).map { row in
                BucketKeyRow(
                    kmsKeyArn: row["kms_key_arn"], encryptionContext: row["encryption_context"],
                    principalArn: row["principal_arn"], encryptedKey: Array(row["encrypted_key"] as Data))
            }
        }
    }

    /// The blob file of an object id: `<data>/objects/<first two hex digits>/<hex id>` (docs/storage-format.md).
    func blobFile(objectId: String) -> URL {
        dataDirectory.appendingPathComponent("objects/\(objectId.prefix(2))/\(objectId)")
    }

    /// The files under the data folder that contain `marker`: none, if everything is encrypted at rest.
    func filesContaining(_ marker: String) throws -> [String] {
        let needle = Data(marker.utf8)
        guard let files = FileManager.default.enumerator(at: dataDirectory, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: [String] = []
        for case let url as URL in files {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let contents = try? Data(contentsOf: url)
            else { continue }
            if contents.range(of: needle) != nil { found.append(url.path) }
        }
        return found
    }

    /// `xxd`-style lines: offset, 16 bytes in hex, and the printable ones.
    static func hexDump(_ bytes: [UInt8]) -> [String] {
        stride(from: 0, to: bytes.count, by: 16).map { offset in
            let chunk = bytes[offset..<min(offset + 16, bytes.count)]
            let hex = chunk.map { Hex.encode(CollectionOfOne($0)) }.joined(separator: " ")
            let text = String(chunk.map { (0x20..<0x7f).contains($0) ? Character(UnicodeScalar($0)) : "." })
            return String(format: "%08x  ", offset) + hex.padding(toLength: 48, withPad: " ", startingAt: 0)
                + " |\(text)|"
        }
    }

    /// Up to `limit` bytes as hex, with the total length.
    static func abbreviated(_ bytes: [UInt8], limit: Int = 16) -> String {
        let hex = Hex.encode(bytes.prefix(limit))
        return bytes.count > limit ? "\(hex)… (\(bytes.count) bytes)" : "\(hex) (\(bytes.count) bytes)"
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(
            path: dataDirectory.appendingPathComponent("meta/meta.sqlite").path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }
}
