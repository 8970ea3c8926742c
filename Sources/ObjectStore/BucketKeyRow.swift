import Foundation
import GRDB

/// One row of the `bucket_keys` table: a bucket key's KMS-encrypted form, so it survives a restart.
///
/// The plaintext is never stored. Rows are written once, when the key service generates the key, and
/// deleted only with their (empty) bucket.
struct BucketKeyRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bucket_keys"

    /// 16 random bytes; objects name it in `objects.bucket_key_id`.
    var id: Data
    var bucket: String
    /// The full ARN of the KMS key that encrypted it; `decryptDataKey` pins this key.
    var kmsKeyArn: String
    /// The KMS ciphertext blob from `generateDataKey`.
    var encryptedKey: Data
    /// The exact context sent to the key service, replayed on decrypt.
    var encryptionContext: [String: String]
    /// The principal the key was generated for, for auditing (readers decrypt on their own behalf).
    var principalArn: String
    var accountId: String
    /// Milliseconds since 1970.
    var createdAt: Int64

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
