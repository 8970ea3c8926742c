package import Foundation
package import GRDB

/// One row of the `bucket_keys` table: a bucket key's KMS-encrypted form, so it survives a restart.
///
/// The plaintext is never stored. Rows are written once, when the key service generates the key, and
/// deleted only with their (empty) bucket.
package struct BucketKeyRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "bucket_keys"

    /// 16 random bytes; objects name it in `objects.bucket_key_id`.
    package var id: Data
    package var bucket: String
    /// The full ARN of the KMS key that encrypted it; `decryptDataKey` pins this key.
    package var kmsKeyArn: String
    /// The KMS ciphertext blob from `generateDataKey`.
    package var encryptedKey: Data
    /// The exact context sent to the key service, replayed on decrypt.
    package var encryptionContext: [String: String]
    /// The principal the key was generated for, for auditing (readers decrypt on their own behalf).
    package var principalArn: String
    package var accountId: String
    /// Milliseconds since 1970.
    package var createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case bucket
        case kmsKeyArn = "kms_key_arn"
        case encryptedKey = "encrypted_key"
        case encryptionContext = "encryption_context"
        case principalArn = "principal_arn"
        case accountId = "account_id"
        case createdAt = "created_at"
    }
}

extension BucketKeyRow {
    /// The row persisting a freshly generated bucket key.
    init(_ key: BucketKey, ciphertext: [UInt8], requester: DataKeyRequester, now: Date) {
        self.init(
            id: Data(key.id),
            bucket: key.bucket,
            kmsKeyArn: key.kmsKeyArn,
            encryptedKey: Data(ciphertext),
            encryptionContext: key.encryptionContext,
            principalArn: requester.principalArn,
            accountId: requester.accountId,
            createdAt: now.millisecondsSince1970
        )
    }
}
