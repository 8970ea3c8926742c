import Crypto
import TextCodings

/// A plaintext bucket key and what identifies it: the value both bucket-key caches hold (docs/bucket-keys.md).
struct BucketKey: Sendable {
    /// The label that starts the HKDF info of every object data key derived from a bucket key.
    static let derivationLabel = Array("coffer-bucket-key-v1".utf8)
    /// The size of an object's random HKDF salt.
    static let saltSize = 32
    /// The size of a bucket key id.
    static let idSize = 16

    /// The random id under which the KMS-encrypted form is persisted (`bucket_keys.id`).
    let id: [UInt8]
    /// The bucket the key belongs to; its ARN is in the encryption context.
    let bucket: String
    /// The full ARN of the KMS key that encrypted it.
    let kmsKeyArn: String
    /// The exact context the key service bound: `aws:s3:arn` = the bucket ARN, plus the user's pairs.
    let encryptionContext: [String: String]
    /// The plaintext, zeroed when the last holder drops it.
    let material: KeyBytes

    /// The data key of one object: `HKDF-SHA256(ikm: bucket key, salt: salt, info: label || id || object id)`.
    ///
    /// Every field of the info has a fixed length, so the concatenation is unambiguous. The salt is drawn
    /// per object, so two objects never share a data key even under one bucket key; the object id makes a
    /// row's salt useless for any other object.
    func objectDataKey(salt: [UInt8], objectID: ObjectID) -> SymmetricKey {
        material.withSymmetricKey { bucketKey in
            HKDF<SHA256>.deriveKey(
                inputKeyMaterial: bucketKey,
                salt: salt,
                info: Self.derivationLabel + id + objectID.bytes,
                outputByteCount: 32
            )
        }
    }

    /// The first 8 hex digits of a bucket key id, to name it to people (an id, not key material).
    static func shortID(_ id: [UInt8]) -> String {
        Hex.encode(id.prefix(4))
    }

    /// Draws a fresh bucket key id or object salt.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// Who shares a cached bucket key for new objects: one bucket, one KMS key, one requester, one user context.
///
/// AWS keeps at least one bucket key per requester so KMS still sees (and can refuse) each principal. The KMS
/// key is the reference the request named (key id, ARN or alias; `nil` for `alias/aws/s3`): its ARN is known
/// only once the key service has answered, and resolving it on every PUT would cost the KMS call that bucket
/// keys exist to save.
struct BucketKeyScope: Hashable, Sendable {
    /// The bucket.
    var bucket: String
    /// The KMS key as the request or the bucket default named it.
    var keyReference: String?
    /// The principal the key service authorized.
    var requester: DataKeyRequester
    /// The user's encryption context pairs (empty when none).
    var userContext: [String: String]
}

/// Who shares a decrypted bucket key for reads: one bucket key, one requester.
///
/// The requester is part of the key so one principal's Decrypt never serves another principal's GET.
struct BucketKeyReader: Hashable, Sendable {
    /// The persisted bucket key's id.
    var bucketKeyId: [UInt8]
    /// The principal the key service authorized.
    var requester: DataKeyRequester
}
