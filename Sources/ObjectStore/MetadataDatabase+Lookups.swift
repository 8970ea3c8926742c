import Foundation
import GRDB

/// The point lookups on the request paths (GET, HEAD, PUT), through statements cached per connection.
///
/// GRDB's record API (`ObjectRow.fetchOne(db, key:)`, `BucketRow.exists(db, key:)`) builds its SQL for every
/// call: it inspects the table's primary key and unique indexes, generates the query and prepares it. Under
/// callgrind that was about 930,000 instructions of a 4 KiB GET's 2.85 million (docs/performance.md, "Hot-path
/// work"). `Database.cachedStatement(sql:)` prepares each statement once per connection and only rebinds its
/// arguments afterwards. The SQL names the primary key `(bucket, key)` and `name` directly, so it stays
/// correct as columns are added. The rows are selected as their types' `ColumnListRecord.selection`, so they
/// are read by column index.
extension MetadataDatabase {
    /// The key's current row, or nil.
    static func objectRow(_ db: Database, bucket: String, key: String) throws -> ObjectRow? {
        let statement = try db.cachedStatement(sql: objectRowSQL)
        return try ObjectRow.fetchOne(selectionStatement: statement, arguments: [bucket, key])
    }

    private static let objectRowSQL = "SELECT \(ObjectRow.selection) FROM objects WHERE bucket = ? AND key = ?"

    /// The key's current object id, or nil.
    static func currentObjectID(_ db: Database, bucket: String, key: String) throws -> ObjectID? {
        let statement = try db.cachedStatement(sql: "SELECT object_id FROM objects WHERE bucket = ? AND key = ?")
        return try Data.fetchOne(statement, arguments: [bucket, key]).flatMap { ObjectID(bytes: $0) }
    }

    /// The bucket's row, or nil.
    static func bucketRow(_ db: Database, name: String) throws -> BucketRow? {
        let statement = try db.cachedStatement(sql: bucketRowSQL)
        return try BucketRow.fetchOne(selectionStatement: statement, arguments: [name])
    }

    private static let bucketRowSQL = "SELECT \(BucketRow.selection) FROM buckets WHERE name = ?"

    /// Whether the bucket exists.
    static func bucketExists(_ db: Database, name: String) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM buckets WHERE name = ?")
        return try Int.fetchOne(statement, arguments: [name]) != nil
    }
}
