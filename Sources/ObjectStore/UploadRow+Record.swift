import Foundation
package import GRDB

/// The `uploads` row codec, written by hand like `ObjectRow`'s: the same values as GRDB's Codable bridge
/// wrote, pinned by `RowRecordCompatibilityTests`.
extension UploadRow: ColumnListRecord {
    private typealias Keys = CodingKeys

    /// The columns, in the order of `columnValues` and of `init(columns:)`.
    static let columnNames: [String] = [
        Keys.uploadId.rawValue, Keys.identity.rawValue, Keys.bucket.rawValue, Keys.key.rawValue,
        Keys.initiated.rawValue, Keys.segmentSize.rawValue, Keys.contentType.rawValue,
        Keys.contentEncoding.rawValue, Keys.contentDisposition.rawValue, Keys.contentLanguage.rawValue,
        Keys.cacheControl.rawValue, Keys.expires.rawValue, Keys.userMetadata.rawValue, Keys.cannedAcl.rawValue,
        Keys.checksumAlgorithm.rawValue, Keys.checksumType.rawValue, Keys.sseAlgorithm.rawValue,
        Keys.keySource.rawValue, Keys.encryptedDataKey.rawValue, Keys.kmsKeyArn.rawValue,
        Keys.encryptionContext.rawValue, Keys.userEncryptionContext.rawValue, Keys.bucketKeyEnabled.rawValue,
        Keys.bucketKeyId.rawValue, Keys.keySalt.rawValue,
    ]

    /// The row's values, in `columnNames` order.
    var columnValues: [(any DatabaseValueConvertible)?] {
        [
            uploadId, identity, bucket, key, initiated, segmentSize, contentType, contentEncoding,
            contentDisposition, contentLanguage, cacheControl, expires, StringDictionaryColumn.text(userMetadata),
            cannedAcl, checksumAlgorithm, checksumType, sseAlgorithm, keySource, encryptedDataKey, kmsKeyArn,
            encryptionContext.map(StringDictionaryColumn.text), userEncryptionContext.map(StringDictionaryColumn.text),
            bucketKeyEnabled, bucketKeyId, keySalt,
        ]
    }

    init(columns: inout RowColumnReader) throws {
        uploadId = try columns.next()
        identity = try columns.next()
        bucket = try columns.next()
        key = try columns.next()
        initiated = try columns.next()
        segmentSize = try columns.next()
        contentType = try columns.next()
        contentEncoding = try columns.next()
        contentDisposition = try columns.next()
        contentLanguage = try columns.next()
        cacheControl = try columns.next()
        expires = try columns.next()
        userMetadata = try columns.nextRequiredStringDictionary()
        cannedAcl = try columns.next()
        checksumAlgorithm = try columns.next()
        checksumType = try columns.next()
        sseAlgorithm = try columns.next()
        keySource = try columns.next()
        encryptedDataKey = try columns.next()
        kmsKeyArn = try columns.next()
        encryptionContext = try columns.nextStringDictionary()
        userEncryptionContext = try columns.nextStringDictionary()
        bucketKeyEnabled = try columns.next()
        bucketKeyId = try columns.next()
        keySalt = try columns.next()
    }

    package init(row: Row) throws { try self.init(byColumnName: row) }

    package func encode(to container: inout PersistenceContainer) throws {
        container.set(columns: Self.columnNames, values: columnValues)
    }
}
