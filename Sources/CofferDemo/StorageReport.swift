import Foundation

/// Step 6 of the demo: a blob file's first bytes, the search for plaintext, and the metadata rows.
struct StorageReport {
    let inspector: StorageInspector
    let output: DemoOutput

    /// Shows the storage of `key` in both buckets; returns the files that contain `marker` (none, normally).
    func show(marker: String, key: String) throws -> [String] {
        let root = inspector.dataDirectory.path + "/"
        guard let plain = try inspector.objectRow(bucket: DemoRunner.plainBucket, key: key),
            let derived = try inspector.objectRow(bucket: DemoRunner.bucketKeyBucket, key: key)
        else {
            throw DemoError("the metadata rows of \(key) were not found in meta/meta.sqlite")
        }
        let bytes: [UInt8]
        if let inline = derived.inlineBlob {
            bytes = inline
            output.line(
                "  blob of \(DemoRunner.bucketKeyBucket)/\(key): small objects keep it in their metadata row"
                    + " (column inline_blob of meta/meta.sqlite)")
        } else {
            let blob = inspector.blobFile(objectId: derived.objectId)
            bytes = try Array(Data(contentsOf: blob))
            output.line(
                "  blob file of \(DemoRunner.bucketKeyBucket)/\(key): "
                    + blob.path.replacingOccurrences(of: root, with: ""))
        }
        output.line("  (\(bytes.count) bytes on disk for \(derived.size) bytes of plaintext); its first 64 bytes:")
        for line in StorageInspector.hexDump(Array(bytes.prefix(64))) { output.line("    \(line)") }
        let found = try inspector.filesContaining(marker)
        output.line(
            "  plaintext \"\(marker)\" found in the data folder: " + (found.isEmpty ? "no" : "YES, in \(found)"))

        output.line()
        output.line("  metadata row (meta/meta.sqlite, table objects) of \(DemoRunner.plainBucket)/\(key):")
        show(plain)
        output.line("  metadata row of \(DemoRunner.bucketKeyBucket)/\(key):")
        show(derived)
        if let id = derived.bucketKeyId, let bucketKey = try inspector.bucketKeyRow(id: id) {
            output.line("  its bucket key (table bucket_keys):")
            field("kms_key_arn", bucketKey.kmsKeyArn)
            field("encryption_context", bucketKey.encryptionContext)
            field("principal_arn", bucketKey.principalArn)
            field("encrypted_key", StorageInspector.abbreviated(bucketKey.encryptedKey) + ": a KMS ciphertext blob")
        }
        output.line("  No column holds a plaintext key: to read an object, the store must ask the KMS.")
        return found
    }

    private func show(_ row: StorageInspector.ObjectRow) {
        field("sse_algorithm", row.sseAlgorithm)
        field("key_source", row.keySource)
        field("kms_key_arn", row.kmsKeyArn ?? "NULL")
        field("encryption_context", row.encryptionContext ?? "NULL")
        if let encrypted = row.encryptedDataKey {
            field("encrypted_data_key", StorageInspector.abbreviated(encrypted) + ": a KMS ciphertext blob")
        } else {
            field("encrypted_data_key", "NULL: the data key is derived from the bucket key and this row's salt")
        }
        if let id = row.bucketKeyId { field("bucket_key_id", StorageInspector.abbreviated(id)) }
        if let salt = row.keySalt { field("key_salt", StorageInspector.abbreviated(salt)) }
    }

    private func field(_ name: String, _ value: String) {
        output.line("    " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + value)
    }
}
