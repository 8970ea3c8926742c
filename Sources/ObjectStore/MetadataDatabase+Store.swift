import Foundation
import GRDB

/// The SQLite metadata is the single-node ``ObjectMetadataStore``; the other methods are in `MetadataDatabase+*.swift`.
extension MetadataDatabase: ObjectMetadataStore {
    /// One ListMultipartUploads page, walked in one read transaction.
    func listUploads(bucket: String, _ request: ListUploadsRequest) async throws -> ListUploadsResult {
        try await pool.read { db in
            guard try Self.bucketExists(db, name: bucket) else { throw ObjectStoreError.noSuchBucket(bucket) }
            var listing = UploadListing(request: request, bucket: bucket)
            if let lookup = listing.markerLookup {
                listing.positioned(
                    initiated: try Int64.fetchOne(
                        db, sql: "SELECT initiated FROM uploads WHERE upload_id = ? AND bucket = ? AND key = ?",
                        arguments: [lookup.uploadId, bucket, lookup.key]))
            }
            while let query = listing.nextPage() { listing.receive(try Self.uploadPage(db, query)) }
            return listing.result
        }
    }

    private static func uploadPage(_ db: Database, _ query: UploadPageQuery) throws -> [UploadRow] {
        var sql = "SELECT * FROM uploads WHERE bucket = ?"
        var arguments: StatementArguments = [query.bucket]
        if !query.prefix.isEmpty {
            sql += " AND key >= ?"
            arguments += [query.prefix]
            if let end = query.prefixEnd {
                sql += " AND key < ?"
                arguments += [end]
            }
        }
        if let after = query.after {
            sql += " AND (key, initiated, upload_id) > (?, ?, ?)"
            arguments += [after.key, after.initiated, after.uploadId]
        }
        if let keyFloor = query.keyFloor {
            sql += keyFloor.inclusive ? " AND key >= ?" : " AND key > ?"
            arguments += [keyFloor.key]
        }
        sql += " ORDER BY key, initiated, upload_id LIMIT ?"
        arguments += [query.limit]
        return try UploadRow.fetchAll(db, sql: sql, arguments: arguments)
    }

    /// The object and a page of its parts, in one read transaction.
    func objectWithParts(bucket: String, key: String, after marker: Int, limit: Int) async throws
        -> (ObjectRow, [PartRow])
    {
        try await pool.read { db in
            let row = try Self.object(db, bucket: bucket, key: key)
            guard row.partsCount != nil else { return (row, []) }
            return (row, try Self.objectParts(db, row.objectId, after: marker, limit: limit))
        }
    }

    /// Closes the pool.
    func close() async throws {
        try pool.close()
    }
}
