package import Foundation
import Logging
import NIOCore
package import ObjectStore
import PostgresNIO

/// Multipart uploads, their parts, and CompleteMultipartUpload (docs/storage-format.md §8). Every write locks the
/// upload's row (`FOR UPDATE`), so a part commit, an abort and a completion of one upload are serialized across
/// nodes; a completion also takes its key's lock, as an object commit does.
extension PostgresObjectMetadata {
    package func insertUpload(_ row: UploadRow) async throws {
        let insert = PostgresColumns.insert(into: "uploads", try row.portableValues)
        try await transaction { connection in
            guard try await Self.bucketRow(connection, row.bucket, self.logger, lock: "FOR KEY SHARE") != nil else {
                throw ObjectStoreError.noSuchBucket(row.bucket)
            }
            try await connection.query(insert, logger: self.logger)
        }
    }

    package func upload(_ uploadId: String, bucket: String, key: String) async throws -> UploadRow {
        try await connection { connection in
            try await Self.upload(connection, uploadId, bucket: bucket, key: key, self.logger)
        }
    }

    package func uploadWithParts(_ uploadId: String, bucket: String, key: String, after marker: Int, limit: Int)
        async throws -> (UploadRow, [PartRow])
    {
        try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            let upload = try await Self.upload(connection, uploadId, bucket: bucket, key: key, self.logger)
            let parts = try await Self.uploadParts(connection, uploadId, after: marker, limit: limit, self.logger)
            return (upload, parts)
        }
    }

    package func uploads(initiatedBefore cutoff: Int64, limit: Int) async throws -> [UploadIdentity] {
        try await connection { connection in
            let rows = try await connection.query(
                """
                SELECT upload_id, bucket, key FROM coffer_objects.uploads WHERE initiated < \(cutoff)
                ORDER BY initiated LIMIT \(Int64(limit))
                """, logger: self.logger)
            var uploads: [UploadIdentity] = []
            for try await (id, bucket, key) in rows.decode((String, String, String).self) {
                uploads.append(UploadIdentity(id: id, bucket: bucket, key: key))
            }
            return uploads
        }
    }

    package func commitPart(_ part: PartRow, upload: UploadRow) async throws -> ObjectID? {
        var values = part.portableValues
        values["upload_id"] = .text(upload.uploadId)
        values["object_id"] = nil
        values["offset"] = nil
        let insert = PostgresColumns.insert(into: "upload_parts", values)
        return try await transaction { connection in
            _ = try await Self.upload(
                connection, upload.uploadId, bucket: upload.bucket, key: upload.key, self.logger, lock: true)
            let previous = try await Self.objectIDs(
                try await connection.query(
                    """
                    DELETE FROM coffer_objects.upload_parts
                    WHERE upload_id = \(upload.uploadId) AND part_number = \(Int64(part.partNumber)) RETURNING blob_id
                    """, logger: self.logger))
            try await connection.query(insert, logger: self.logger)
            return previous.first
        }
    }

    package func deleteUpload(_ uploadId: String, bucket: String, key: String) async throws -> [ObjectID] {
        try await transaction { connection in
            _ = try await Self.upload(connection, uploadId, bucket: bucket, key: key, self.logger, lock: true)
            return try await Self.deleteUpload(connection, uploadId, self.logger)
        }
    }

    package func completeUpload(
        _ request: CompleteMultipartUploadRequest,
        minimumPartSize: Int64,
        now: Date,
        fault: (@Sendable (CompleteStep) throws -> Void)?
    ) async throws -> UploadCompletion {
        let address = request.upload
        return try await transaction { connection in
            guard try await Self.bucketRow(connection, address.bucket, self.logger, lock: "FOR KEY SHARE") != nil else {
                throw ObjectStoreError.noSuchBucket(address.bucket)
            }
            try await Self.lockKey(connection, KeyLock(bucket: address.bucket, key: address.key), self.logger)
            let upload = try await Self.upload(
                connection, address.uploadId, bucket: address.bucket, key: address.key, self.logger, lock: true)
            let stored = try await Self.uploadParts(connection, address.uploadId, after: 0, limit: nil, self.logger)
            let plan = try CompletionPlan(
                requested: request.parts, stored: stored, minimumPartSize: minimumPartSize, checksum: upload.checksum)
            try fault?(.validated)
            let current = try await Self.currentETag(connection, bucket: upload.bucket, key: upload.key, self.logger)
            try request.conditions.check(
                currentETag: current.map { "\"\($0)\"" }, bucket: upload.bucket, key: upload.key)
            var unreferenced =
                try await Self.deleteCurrentObject(connection, bucket: upload.bucket, key: upload.key, self.logger)
                ?? []
            let row = ObjectRow(completing: upload, plan: plan, now: now)
            try await connection.query(
                PostgresColumns.insert(into: "objects", try row.portableValues), logger: self.logger)
            for (part, offset) in plan.parts {
                var values = part.portableValues
                values["upload_id"] = nil
                values["object_id"] = .blob([UInt8](upload.identity))
                values["offset"] = .integer(offset)
                try await connection.query(PostgresColumns.insert(into: "object_parts", values), logger: self.logger)
            }
            try fault?(.objectWritten)
            _ = try await Self.deleteUpload(connection, address.uploadId, self.logger)
            unreferenced += try plan.discarded.map { try $0.blobID }
            try fault?(.uploadDeleted)
            return UploadCompletion(row: row, unreferenced: unreferenced)
        }
    }

    /// The upload for `bucket`/`key` (locked `FOR UPDATE` when `lock`); `noSuchBucket` or `noSuchUpload`.
    static func upload(
        _ connection: PostgresConnection, _ uploadId: String, bucket: String, key: String, _ logger: Logger,
        lock: Bool = false
    ) async throws -> UploadRow {
        var query: PostgresQuery = "SELECT * FROM coffer_objects.uploads WHERE upload_id = \(uploadId) "
        if lock { query.sql += "FOR UPDATE" }
        let rows = try await PostgresColumns.decode(UploadRow.self, try await connection.query(query, logger: logger))
        if let row = rows.first, row.bucket == bucket, row.key == key { return row }
        guard try await bucketRow(connection, bucket, logger) != nil else {
            throw ObjectStoreError.noSuchBucket(bucket)
        }
        throw ObjectStoreError.noSuchUpload(uploadId)
    }

    /// An upload's parts after part number `marker`, by part number, at most `limit` (all when nil).
    static func uploadParts(
        _ connection: PostgresConnection, _ uploadId: String, after marker: Int, limit: Int?, _ logger: Logger
    ) async throws -> [PartRow] {
        var query: PostgresQuery = """
            SELECT * FROM coffer_objects.upload_parts WHERE upload_id = \(uploadId) AND part_number > \(Int64(marker))
            ORDER BY part_number
            """
        if let limit { query.sql += " LIMIT \(max(0, limit))" }
        return try await PostgresColumns.decode(PartRow.self, try await connection.query(query, logger: logger))
    }

    /// Deletes an upload and its parts; returns their blob ids.
    static func deleteUpload(_ connection: PostgresConnection, _ uploadId: String, _ logger: Logger) async throws
        -> [ObjectID]
    {
        let blobs = try await objectIDs(
            try await connection.query(
                "DELETE FROM coffer_objects.upload_parts WHERE upload_id = \(uploadId) RETURNING blob_id",
                logger: logger))
        try await connection.query("DELETE FROM coffer_objects.uploads WHERE upload_id = \(uploadId)", logger: logger)
        return blobs
    }
}
