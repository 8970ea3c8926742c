import Foundation
import GRDB

/// The multipart transactions: uploads, their parts, and completion (docs/storage-format.md §8).
extension MetadataDatabase {
    /// Inserts a new upload; `noSuchBucket` if the bucket is gone.
    func insertUpload(_ row: UploadRow) async throws {
        try await write { db in
            guard try BucketRow.exists(db, key: row.bucket) else { throw ObjectStoreError.noSuchBucket(row.bucket) }
            try row.insert(db)
        }
    }

    /// The upload with `uploadId` for `bucket`/`key`; `noSuchBucket` or `noSuchUpload` when absent.
    func upload(_ uploadId: String, bucket: String, key: String) async throws -> UploadRow {
        try await pool.read { db in try Self.upload(db, uploadId, bucket: bucket, key: key) }
    }

    static func upload(_ db: Database, _ uploadId: String, bucket: String, key: String) throws -> UploadRow {
        if let row = try UploadRow.fetchOne(db, key: uploadId), row.bucket == bucket, row.key == key { return row }
        guard try BucketRow.exists(db, key: bucket) else { throw ObjectStoreError.noSuchBucket(bucket) }
        throw ObjectStoreError.noSuchUpload(uploadId)
    }

    /// Records a part (replacing the part number's previous one) and returns the replaced part's blob id.
    func commitPart(_ part: PartRow, upload: UploadRow) async throws -> ObjectID? {
        try await write { db in
            _ = try Self.upload(db, upload.uploadId, bucket: upload.bucket, key: upload.key)
            let previous = try Data.fetchOne(
                db, sql: "SELECT blob_id FROM upload_parts WHERE upload_id = ? AND part_number = ?",
                arguments: [upload.uploadId, part.partNumber])
            try part.insertUploadPart(db, uploadId: upload.uploadId)
            return previous.flatMap { ObjectID(bytes: $0) }
        }
    }

    /// Every part of an upload, by part number.
    static func uploadParts(_ db: Database, _ uploadId: String, after marker: Int = 0, limit: Int = -1) throws
        -> [PartRow]
    {
        try PartRow.fetchAll(
            db,
            sql: "SELECT * FROM upload_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
            arguments: [uploadId, marker, limit])
    }

    /// The upload and up to `limit` of its parts after part number `marker`, read together.
    func uploadWithParts(_ uploadId: String, bucket: String, key: String, after marker: Int, limit: Int)
        async throws -> (UploadRow, [PartRow])
    {
        try await pool.read { db in
            let upload = try Self.upload(db, uploadId, bucket: bucket, key: key)
            return (upload, try Self.uploadParts(db, uploadId, after: marker, limit: limit))
        }
    }

    /// Deletes an upload and its parts; returns their blob ids.
    func deleteUpload(_ uploadId: String, bucket: String, key: String) async throws -> [ObjectID] {
        try await write { db in
            _ = try Self.upload(db, uploadId, bucket: bucket, key: key)
            return try Self.deleteUpload(db, uploadId)
        }
    }

    static func deleteUpload(_ db: Database, _ uploadId: String) throws -> [ObjectID] {
        let blobs = try Data.fetchAll(
            db, sql: "SELECT blob_id FROM upload_parts WHERE upload_id = ?", arguments: [uploadId])
        try db.execute(sql: "DELETE FROM upload_parts WHERE upload_id = ?", arguments: [uploadId])
        try db.execute(sql: "DELETE FROM uploads WHERE upload_id = ?", arguments: [uploadId])
        return blobs.compactMap { ObjectID(bytes: $0) }
    }

    /// Upload ids initiated before `cutoff` (milliseconds), at most `limit`.
    func uploads(initiatedBefore cutoff: Int64, limit: Int) async throws -> [UploadIdentity] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT upload_id, bucket, key FROM uploads WHERE initiated < ? ORDER BY initiated LIMIT ?",
                arguments: [cutoff, limit]
            ).map { UploadIdentity(id: $0["upload_id"], bucket: $0["bucket"], key: $0["key"]) }
        }
    }

    /// A completed object's parts after part number `marker`, at most `limit`, in order.
    static func objectParts(_ db: Database, _ objectId: Data, after marker: Int, limit: Int) throws -> [PartRow] {
        try PartRow.fetchAll(
            db, sql: "SELECT * FROM object_parts WHERE object_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
            arguments: [objectId, marker, limit])
    }

    /// The `ordinal`-th part (from 1) of a multipart object in part-number order, or nil past the last.
    func objectPart(_ objectId: Data, ordinal: Int) async throws -> PartRow? {
        try await pool.read { db in
            try PartRow.fetchOne(
                db, sql: "SELECT * FROM object_parts WHERE object_id = ? ORDER BY part_number LIMIT 1 OFFSET ?",
                arguments: [objectId, ordinal - 1])
        }
    }

    /// The parts of a multipart object that hold bytes of `range` (all parts when nil), in order.
    func objectParts(_ objectId: Data, covering range: ClosedRange<Int64>?) async throws -> [PartRow] {
        try await pool.read { db in
            guard let range else {
                return try PartRow.fetchAll(
                    db, sql: "SELECT * FROM object_parts WHERE object_id = ? ORDER BY part_number",
                    arguments: [objectId])
            }
            return try PartRow.fetchAll(
                db,
                sql: """
                    SELECT * FROM object_parts WHERE object_id = ? AND offset <= ? AND offset + size > ?
                    ORDER BY part_number
                    """,
                arguments: [objectId, range.upperBound, range.lowerBound])
        }
    }

    /// Deletes the key's current object row and its part rows; returns the blob ids to remove (none for an object
    /// whose blob is inline in its row).
    static func deleteCurrentObject(_ db: Database, bucket: String, key: String) throws -> [ObjectID]? {
        // Every PutObject runs this in the commit: cached statements, as the lookups of MetadataDatabase+Lookups.
        let select = try db.cachedStatement(
            sql: """
                SELECT object_id, parts_count, inline_blob IS NOT NULL AS inline
                FROM objects WHERE bucket = ? AND key = ?
                """)
        guard let row = try Row.fetchOne(select, arguments: [bucket, key]) else { return nil }
        let objectId: Data = row["object_id"]
        var blobs: [ObjectID]
        if (row["parts_count"] as Int?) != nil {
            blobs = try Data.fetchAll(
                db, sql: "SELECT blob_id FROM object_parts WHERE object_id = ?", arguments: [objectId]
            ).compactMap { ObjectID(bytes: $0) }
            try db.execute(sql: "DELETE FROM object_parts WHERE object_id = ?", arguments: [objectId])
        } else if row["inline"] as Bool {
            blobs = []
        } else {
            blobs = ObjectID(bytes: objectId).map { [$0] } ?? []
        }
        try db.cachedStatement(sql: "DELETE FROM objects WHERE bucket = ? AND key = ?").execute(arguments: [
            bucket, key,
        ])
        return blobs
    }
}
