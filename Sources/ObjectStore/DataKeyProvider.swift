public import Crypto

/// The key service the object store asks for SSE-KMS data keys.
///
/// The store declares this protocol and never imports a KMS: the composition root adapts the embedded
/// KMS (or a remote one) to it. Implementations throw ``DataKeyProviderError`` for failures the S3 layer
/// must report precisely; any other error becomes ``ObjectStoreError/Kind/kmsFailure``.
public protocol DataKeyProvider: Sendable {
    /// Generates a fresh 256-bit data key under a KMS key (KMS `GenerateDataKey`, `KeySpec` `AES_256`).
    ///
    /// - Parameters:
    ///   - keyId: A key id, key ARN, alias name or alias ARN; `nil` means the AWS managed key `alias/aws/s3`.
    ///   - encryptionContext: The exact context to bind; the same map is replayed on decryption.
    ///   - requester: Who asked, for key policy checks and auditing.
    /// - Returns: The plaintext key, its KMS ciphertext blob and the full ARN of the key used.
    func generateDataKey(
        keyId: String?,
        encryptionContext: [String: String],
        requester: DataKeyRequester
    ) async throws -> GeneratedDataKey

    /// Decrypts a data key previously returned by ``generateDataKey(keyId:encryptionContext:requester:)``
    /// (KMS `Decrypt` with `KeyId` pinned to `keyArn`).
    func decryptDataKey(
        ciphertext: [UInt8],
        keyArn: String,
        encryptionContext: [String: String],
        requester: DataKeyRequester
    ) async throws -> SymmetricKey
}

/// A data key from ``DataKeyProvider/generateDataKey(keyId:encryptionContext:requester:)``.
public struct GeneratedDataKey: Sendable {
    /// The plaintext data key. Used once to encrypt one object, never stored.
    public var plaintext: SymmetricKey
    /// The KMS ciphertext blob of the key, stored with the object.
    public var ciphertext: [UInt8]
    /// The full ARN of the KMS key that encrypted the data key.
    public var keyArn: String

    /// Creates a generated data key.
    public init(plaintext: SymmetricKey, ciphertext: [UInt8], keyArn: String) {
        self.plaintext = plaintext
        self.ciphertext = ciphertext
        self.keyArn = keyArn
    }
}

/// Who is asking for a key, passed through opaquely to the ``DataKeyProvider``.
public struct DataKeyRequester: Sendable, Hashable {
    /// The principal ARN, e.g. `arn:aws:iam::111122223333:user/alice`.
    public var principalArn: String
    /// The principal's account id.
    public var accountId: String

    /// Creates a requester.
    public init(principalArn: String, accountId: String) {
        self.principalArn = principalArn
        self.accountId = accountId
    }
}
