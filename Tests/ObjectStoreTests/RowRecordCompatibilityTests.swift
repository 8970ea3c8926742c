import Foundation
import GRDB
import Testing

@testable import ObjectStore

/// The hand-written row codecs (`ColumnListRecord`) against what GRDB's Codable bridge stored before them:
/// existing data folders must read back unchanged, and new rows must hold the same bytes as old ones.
@Suite("Row codecs keep the stored format")
struct RowRecordCompatibilityTests {
    /// A table, the key of a sample row in it, and the values the Codable bridge stored for that row.
    struct StoredRow: Sendable, CustomTestStringConvertible {
        let table: String
        let keyColumn: String
        let keyValue: String
        let literals: [String: String]
        var testDescription: String { "\(table) \(keyValue)" }
    }

    static let stored: [StoredRow] = [
        StoredRow(
            table: "buckets", keyColumn: "name", keyValue: "bucket1", literals: StoredRowLiterals.configuredBucket),
        StoredRow(table: "buckets", keyColumn: "name", keyValue: "bucket2", literals: StoredRowLiterals.plainBucket),
        StoredRow(table: "objects", keyColumn: "key", keyValue: "bk", literals: StoredRowLiterals.bucketKeyObject),
        StoredRow(
            table: "objects", keyColumn: "key", keyValue: StoredRowSamples.kmsObject.key,
            literals: StoredRowLiterals.kmsObject),
        StoredRow(table: "objects", keyColumn: "key", keyValue: "a", literals: StoredRowLiterals.minimalObject),
        StoredRow(
            table: "uploads", keyColumn: "upload_id", keyValue: StoredRowSamples.kmsUpload.uploadId,
            literals: StoredRowLiterals.kmsUpload),
        StoredRow(
            table: "uploads", keyColumn: "upload_id", keyValue: StoredRowSamples.minimalUpload.uploadId,
            literals: StoredRowLiterals.minimalUpload),
    ]

    static let objects = [StoredRowSamples.kmsObject, StoredRowSamples.bucketKeyObject, StoredRowSamples.minimalObject]
    static let buckets = [StoredRowSamples.configuredBucket, StoredRowSamples.plainBucket]
    static let uploads = [StoredRowSamples.kmsUpload, StoredRowSamples.minimalUpload]

    /// Runs `body` with a freshly migrated metadata database in a temporary directory.
    static func withDatabase(_ body: (MetadataDatabase) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rows-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(
            try MetadataDatabase.open(
                path: directory + "/meta.sqlite", durability: .relaxed,
                rowCache: ObjectRowCache(capacity: 0, inlineByteCapacity: 0)))
    }

    /// Inserts every stored row with raw SQL, from its literals: a database the Codable code wrote.
    static func insertLiterals(_ db: Database) throws {
        func insert(_ row: StoredRow) throws {
            let columns = row.literals.keys.sorted()
            let values = columns.map { row.literals[$0]! }
            try db.execute(
                sql:
                    "INSERT INTO \(row.table) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
            )
        }
        for row in stored where row.table == "buckets" { try insert(row) }
        try StoredRowSamples.bucketKey.insert(db)
        for row in stored where row.table != "buckets" { try insert(row) }
    }

    /// The stored values of a row, `quote()`d, for every column of its table.
    static func quotedValues(_ db: Database, _ row: StoredRow) throws -> [String: String] {
        let columns = try db.columns(in: row.table).map(\.name)
        let select = columns.map { "quote(\($0))" }.joined(separator: ", ")
        let values = try #require(
            try Row.fetchOne(
                db, sql: "SELECT \(select) FROM \(row.table) WHERE \(row.keyColumn) = ?", arguments: [row.keyValue]))
        return Dictionary(uniqueKeysWithValues: zip(columns, (0..<columns.count).map { values[$0] as String }))
    }

    @Test func rowsWrittenByTheCodableBridgeDecode() async throws {
        try await Self.withDatabase { database in
            let (objects, selected, buckets, selectedBuckets, uploads) = try await database.pool.write { db in
                try Self.insertLiterals(db)
                return (
                    try ObjectRow.fetchAll(
                        db, sql: "SELECT * FROM objects WHERE key IN ('bk', ?, 'a')", arguments: [Self.objects[0].key]),
                    try Self.objects.map { try MetadataDatabase.objectRow(db, bucket: $0.bucket, key: $0.key) },
                    try BucketRow.order(Column("name")).fetchAll(db),
                    try Self.buckets.map { try MetadataDatabase.bucketRow(db, name: $0.name) },
                    try Self.uploads.map { try UploadRow.fetchOne(db, key: $0.uploadId) }
                )
            }
            // By name (`SELECT *`, in the table's column order) and by index (the lookups' selection).
            #expect(Set(objects.map(\.key)) == Set(Self.objects.map(\.key)))
            for object in objects { #expect(Self.objects.contains(object)) }
            #expect(selected == Self.objects)
            #expect(buckets == Self.buckets)
            #expect(selectedBuckets == Self.buckets)
            #expect(uploads == Self.uploads)
        }
    }

    enum InsertPath: String, CaseIterable, Sendable { case grdbRecord, cachedStatement }

    @Test(arguments: InsertPath.allCases)
    func newRowsHoldTheBytesTheCodableBridgeWrote(path: InsertPath) async throws {
        try await Self.withDatabase { database in
            let quoted = try await database.pool.write { db in
                for bucket in Self.buckets { try bucket.insert(db) }
                try StoredRowSamples.bucketKey.insert(db)
                for object in Self.objects {
                    switch path {
                    case .grdbRecord: try object.insert(db)
                    case .cachedStatement: try object.insert(cachedIn: db)
                    }
                }
                for upload in Self.uploads { try upload.insert(db) }
                return try Self.stored.map { try Self.quotedValues(db, $0) }
            }
            for (row, values) in zip(Self.stored, quoted) {
                // A column added after the capture (a later migration) is NULL in these rows.
                let added = values.keys.filter { row.literals[$0] == nil }.map { ($0, "NULL") }
                #expect(values == row.literals.merging(added) { old, _ in old }, "\(row.testDescription)")
            }
        }
    }

    @Test func theCodecsWriteWhatTheCodableBridgeWrites() throws {
        var everyOptionalNil = StoredRowSamples.kmsObject
        everyOptionalNil.contentType = nil
        everyOptionalNil.encryptedDataKey = nil
        everyOptionalNil.kmsKeyArn = nil
        everyOptionalNil.encryptionContext = nil
        everyOptionalNil.userEncryptionContext = nil
        everyOptionalNil.partsCount = nil
        everyOptionalNil.checksumType = nil
        var everyOptionalSet = StoredRowSamples.kmsObject
        everyOptionalSet.bucketKeyId = StoredRowSamples.bucketKeyId
        everyOptionalSet.keySalt = Data(repeating: 1, count: 32)
        for object in Self.objects + [everyOptionalNil, everyOptionalSet] {
            #expect(try object.databaseDictionary == CodableBridge(object).databaseDictionary)
            #expect(try ObjectRow(row: Row(object.databaseDictionary)) == object)
        }
        for bucket in Self.buckets {
            #expect(try bucket.databaseDictionary == CodableBridge(bucket).databaseDictionary)
            #expect(try BucketRow(row: Row(bucket.databaseDictionary)) == bucket)
        }
        for upload in Self.uploads {
            #expect(try upload.databaseDictionary == CodableBridge(upload).databaseDictionary)
            #expect(try UploadRow(row: Row(upload.databaseDictionary)) == upload)
        }
    }

    /// A new column must be added to the codec: its column list must be the table's, and `CodingKeys`'.
    @Test func theCodecsCoverEveryColumn() async throws {
        try await Self.withDatabase { database in
            let tables = try await database.pool.read { db in
                try ["objects", "buckets", "uploads", "upload_parts", "object_parts"].map {
                    Set(try db.columns(in: $0).map(\.name))
                }
            }
            #expect(Set(ObjectRow.columnNames) == tables[0])
            #expect(Set(BucketRow.columnNames) == tables[1])
            #expect(Set(UploadRow.columnNames) == tables[2])
            #expect(Set(PartRow.columnNames) == tables[3].union(tables[4]))
        }
        #expect(Set(ObjectRow.columnNames) == Set(try CodableBridge(Self.objects[0]).databaseDictionary.keys))
        #expect(Set(BucketRow.columnNames) == Set(try CodableBridge(Self.buckets[0]).databaseDictionary.keys))
        #expect(Set(UploadRow.columnNames) == Set(try CodableBridge(Self.uploads[0]).databaseDictionary.keys))
        for object in Self.objects { #expect(object.columnValues.count == ObjectRow.columnNames.count) }
        #expect(Self.buckets[0].columnValues.count == BucketRow.columnNames.count)
        #expect(Self.uploads[0].columnValues.count == UploadRow.columnNames.count)
    }

    /// Any projection decodes as through the Codable bridge: by name, absent optional columns as nil.
    @Test func projectionsDecodeByName() async throws {
        try await Self.withDatabase { database in
            let sql = """
                SELECT 42 AS extra, user_metadata, key, bucket, segment_size, format_version, last_modified, etag,
                    size, object_id, sse_algorithm, key_source, bucket_key_enabled, encryption_context
                FROM objects ORDER BY key
                """
            let (decoded, bridged, missing) = try await database.pool.write { db in
                try Self.insertLiterals(db)
                return (
                    try ObjectRow.fetchAll(db, sql: sql),
                    try CodableBridge<ObjectRow>.fetchAll(db, sql: sql).map(\.row),
                    Result { try ObjectRow.fetchOne(db, sql: "SELECT bucket, key FROM objects") }
                )
            }
            #expect(decoded.count == 3)
            #expect(decoded == bridged)
            #expect(decoded.allSatisfy { $0.kmsKeyArn == nil && $0.partsCount == nil && $0.encryptedDataKey == nil })
            #expect(decoded.map(\.encryptionContext) == bridged.map(\.encryptionContext))
            #expect(throws: (any Error).self) { try missing.get() }
        }
    }

    @Test func partsDecodeFromBothTables() async throws {
        let part = PartRow(
            uploadId: nil, objectId: nil, partNumber: 7, offset: nil, blobId: Data(repeating: 2, count: 16),
            partSalt: Data(repeating: 3, count: 32), size: 5_000_000, etag: "0123456789abcdef0123456789abcdef",
            lastModified: 1_700_000_000_000, segmentSize: 65_536, checksumCrc32: "AAECAw==", checksumCrc32c: nil,
            checksumCrc64nvme: "CAkKCwwNDg8=", checksumSha1: nil, checksumSha256: nil)
        try await Self.withDatabase { database in
            let upload = StoredRowSamples.kmsUpload
            let (uploadParts, objectParts, bridged) = try await database.pool.write { db in
                try Self.insertLiterals(db)
                try part.insertUploadPart(db, uploadId: upload.uploadId)
                try part.insertObjectPart(db, objectId: StoredRowSamples.kmsObject.objectId, offset: 10)
                return (
                    try MetadataDatabase.uploadParts(db, upload.uploadId),
                    try MetadataDatabase.objectParts(db, StoredRowSamples.kmsObject.objectId, after: 0, limit: -1),
                    try CodableBridge<PartRow>.fetchAll(db, sql: "SELECT * FROM object_parts").map(\.row)
                )
            }
            var inUpload = part
            inUpload.uploadId = upload.uploadId
            var inObject = part
            inObject.objectId = StoredRowSamples.kmsObject.objectId
            inObject.offset = 10
            #expect(uploadParts == [inUpload])
            #expect(objectParts == [inObject])
            #expect(bridged == objectParts)
        }
    }
}

/// A row through GRDB's Codable bridge (`RecordEncoder`, `_RowDecoder`): how the row types were persisted
/// before their hand-written codecs.
private struct CodableBridge<Wrapped: Codable & Sendable>: Codable, Sendable, FetchableRecord, EncodableRecord {
    var row: Wrapped

    init(_ row: Wrapped) { self.row = row }
    init(from decoder: any Decoder) throws { row = try Wrapped(from: decoder) }
    func encode(to encoder: any Encoder) throws { try row.encode(to: encoder) }
}
