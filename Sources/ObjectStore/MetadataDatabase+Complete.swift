import Foundation
import GRDB

extension MetadataDatabase {
    /// Turns an upload into its object in ONE transaction (docs/storage-format.md §8): reads the upload and its
    /// parts, validates the list (``CompletionPlan``), checks the write conditions against the current object,
    /// replaces that object (row and part rows), writes the new object row with its ordered part rows, and
    /// deletes the upload. A failure anywhere rolls everything back; `fault` runs at the in-transaction steps.
    func completeUpload(
        _ request: CompleteMultipartUploadRequest,
        minimumPartSize: Int64,
        now: Date,
        fault: (@Sendable (CompleteStep) throws -> Void)?
    ) async throws -> UploadCompletion {
        let address = request.upload
        return try await write { db in
            let upload = try Self.upload(db, address.uploadId, bucket: address.bucket, key: address.key)
            let plan = try CompletionPlan(
                requested: request.parts, stored: try Self.uploadParts(db, address.uploadId),
                minimumPartSize: minimumPartSize, checksum: upload.checksum)
            try fault?(.validated)
            let current = try String.fetchOne(
                db, sql: "SELECT etag FROM objects WHERE bucket = ? AND key = ?",
                arguments: [upload.bucket, upload.key])
            try request.conditions.check(
                currentETag: current.map { "\"\($0)\"" }, bucket: upload.bucket, key: upload.key)
            var unreferenced = try Self.deleteCurrentObject(db, bucket: upload.bucket, key: upload.key) ?? []
            let row = ObjectRow(completing: upload, plan: plan, now: now)
            try row.insert(db)
            for (part, offset) in plan.parts {
                try part.insertObjectPart(db, objectId: upload.identity, offset: offset)
            }
            try fault?(.objectWritten)
            _ = try Self.deleteUpload(db, address.uploadId)
            unreferenced += try plan.discarded.map { try $0.blobID }
            try fault?(.uploadDeleted)
            return UploadCompletion(row: row, unreferenced: unreferenced)
        }
    }
}
