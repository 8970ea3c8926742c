import Foundation
package import GRDB

/// The `objects` row codec, written by hand.
///
/// GRDB's Codable bridge (`_RowDecoder`, `RecordEncoder`) looked every column up by name through existential
/// containers and ran `JSONDecoder`/`JSONEncoder` for each dictionary: about 7% of a 4 KiB GET's server CPU and
/// 6% of a PutObject's. This codec reads and writes exactly the values the bridge did: the column names of
/// `CodingKeys`, `Bool` as INTEGER 0/1, `Data` as BLOB, nil as NULL, the `[String: String]` columns as
/// `StringDictionaryColumn` JSON text. `RowRecordCompatibilityTests` pins those values against rows the bridge wrote,
/// and checks that the codec covers every column of the table and of `CodingKeys` (kept for that check).
///
/// A new column (as `inline_blob` of `v5-inline-blobs` was) is added in three places, in the same position:
/// last in `columnNames`, last in `columnValues`, and last in `init(columns:)`.
extension ObjectRow: ColumnListRecord {
    private typealias Keys = CodingKeys

    /// The columns, in the order of `columnValues` and of `init(columns:)`.
    static let columnNames: [String] = [
        Keys.bucket.rawValue, Keys.key.rawValue, Keys.objectId.rawValue, Keys.size.rawValue, Keys.etag.rawValue,
        Keys.lastModified.rawValue, Keys.formatVersion.rawValue, Keys.segmentSize.rawValue,
        Keys.contentType.rawValue, Keys.contentEncoding.rawValue, Keys.contentDisposition.rawValue,
        Keys.contentLanguage.rawValue, Keys.cacheControl.rawValue, Keys.expires.rawValue,
        Keys.userMetadata.rawValue, Keys.cannedAcl.rawValue, Keys.checksumCrc32.rawValue,
        Keys.checksumCrc32c.rawValue, Keys.checksumCrc64nvme.rawValue, Keys.checksumSha1.rawValue,
        Keys.checksumSha256.rawValue, Keys.sseAlgorithm.rawValue, Keys.keySource.rawValue,
        Keys.encryptedDataKey.rawValue, Keys.kmsKeyArn.rawValue, Keys.encryptionContext.rawValue,
        Keys.userEncryptionContext.rawValue, Keys.bucketKeyEnabled.rawValue, Keys.bucketKeyId.rawValue,
        Keys.keySalt.rawValue, Keys.partsCount.rawValue, Keys.checksumType.rawValue, Keys.inlineBlob.rawValue,
    ]

    /// The row's values, in `columnNames` order.
    var columnValues: [(any DatabaseValueConvertible)?] {
        [
            bucket, key, objectId, size, etag, lastModified, formatVersion, segmentSize, contentType,
            contentEncoding, contentDisposition, contentLanguage, cacheControl, expires,
            StringDictionaryColumn.text(userMetadata), cannedAcl, checksumCrc32, checksumCrc32c, checksumCrc64nvme,
            checksumSha1, checksumSha256, sseAlgorithm, keySource, encryptedDataKey, kmsKeyArn,
            encryptionContext.map(StringDictionaryColumn.text), userEncryptionContext.map(StringDictionaryColumn.text),
            bucketKeyEnabled, bucketKeyId, keySalt, partsCount, checksumType, inlineBlob,
        ]
    }

    init(columns: inout RowColumnReader) throws {
        bucket = try columns.next()
        key = try columns.next()
        objectId = try columns.next()
        size = try columns.next()
        etag = try columns.next()
        lastModified = try columns.next()
        formatVersion = try columns.next()
        segmentSize = try columns.next()
        contentType = try columns.next()
        contentEncoding = try columns.next()
        contentDisposition = try columns.next()
        contentLanguage = try columns.next()
        cacheControl = try columns.next()
        expires = try columns.next()
        userMetadata = try columns.nextRequiredStringDictionary()
        cannedAcl = try columns.next()
        checksumCrc32 = try columns.next()
        checksumCrc32c = try columns.next()
        checksumCrc64nvme = try columns.next()
        checksumSha1 = try columns.next()
        checksumSha256 = try columns.next()
        sseAlgorithm = try columns.next()
        keySource = try columns.next()
        encryptedDataKey = try columns.next()
        kmsKeyArn = try columns.next()
        encryptionContext = try columns.nextStringDictionary()
        userEncryptionContext = try columns.nextStringDictionary()
        bucketKeyEnabled = try columns.next()
        bucketKeyId = try columns.next()
        keySalt = try columns.next()
        partsCount = try columns.next()
        checksumType = try columns.next()
        inlineBlob = try columns.next()
    }

    package init(row: Row) throws { try self.init(byColumnName: row) }

    package func encode(to container: inout PersistenceContainer) throws {
        container.set(columns: Self.columnNames, values: columnValues)
    }

    private static let insertSQL =
        "INSERT INTO objects (\(selection)) VALUES (\(Array(repeating: "?", count: columnNames.count).joined(separator: ", ")))"

    /// Inserts the row through a statement cached per connection (GRDB's `insert` builds its SQL each time).
    func insert(cachedIn db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(columnValues))
    }
}

extension ObjectRow {
    /// The columns of the `objects` table this version reads and writes, for the PostgreSQL metadata's named selects.
    package static var storedColumnNames: [String] { columnNames }
}
