import Crypto
import KMS
import ObjectStore

/// Adapts the embedded key service to the object store's ``DataKeyProvider``: SSE-KMS data keys for S3.
///
/// Every call is made on the requester's behalf through the `s3` channel, so it counts in
/// `coffer_kms_requests_total{caller="s3"}`. Without a key id the AWS managed key `alias/aws/s3` is used, created
/// on first use. Key service errors become ``DataKeyProviderError``s that S3 renders as `KMS.<Exception>`. Each
/// call's duration is recorded in `coffer_kms_request_duration_seconds{caller="s3"}`.
struct KMSDataKeyProvider: DataKeyProvider {
    /// The AWS managed key of S3.
    static let managedKeyAlias = "alias/aws/s3"

    let kms: KeyManagementService
    let timer = KMSRequestTimer(registry: CofferMetrics.registry)

    func generateDataKey(
        keyId: String?, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> StoreDataKey {
        let caller = Self.caller(requester)
        do {
            let generated = try await timer.time("GenerateDataKey", .s3) { () async throws(KMSError) in
                try await generate(keyId: keyId ?? Self.managedKeyAlias, encryptionContext, caller)
            }
            return StoreDataKey(
                plaintext: generated.plaintext, ciphertext: generated.ciphertextBlob, keyArn: generated.keyArn)
        } catch {
            throw DataKeyProviderError(error)
        }
    }

    func decryptDataKey(
        ciphertext: [UInt8], keyArn: String, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> SymmetricKey {
        do {
            return try await timer.time("Decrypt", .s3) { () async throws(KMSError) in
                try await kms.decrypt(
                    ciphertextBlob: ciphertext, encryptionContext: encryptionContext, keyId: keyArn,
                    encryptionAlgorithm: nil, caller: Self.caller(requester))
            }.plaintext
        } catch {
            throw DataKeyProviderError(error)
        }
    }

    /// One GenerateDataKey; the first use of `alias/aws/s3` creates the managed key, then retries once.
    private func generate(
        keyId: String, _ context: [String: String], _ caller: KMSCaller
    ) async throws(KMSError) -> KMS.GeneratedDataKey {
        do {
            return try await kms.generateDataKey(
                keyId: keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: context, caller: caller)
        } catch let error where error.code == .notFound && keyId == Self.managedKeyAlias {
            let managed = try await kms.awsManagedKey(service: "s3", caller: caller)
            return try await kms.generateDataKey(
                keyId: managed.arn, keySpec: .aes256, numberOfBytes: nil, encryptionContext: context, caller: caller)
        }
    }

    private static func caller(_ requester: DataKeyRequester) -> KMSCaller {
        KMSCaller(principalArn: requester.principalArn, accountId: requester.accountId, channel: .s3)
    }
}

extension DataKeyProviderError {
    /// A key service error as the object store sees it; the KMS message is kept for S3 to echo.
    init(_ error: KMSError) {
        let kind: Kind =
            switch error.code {
            case .notFound, .invalidArn: .notFound
            case .disabled: .disabled
            case .invalidState: .invalidState
            case .invalidKeyUsage: .invalidKeyUsage
            case .invalidCiphertext, .incorrectKey: .invalidCiphertext
            case .accessDenied: .accessDenied
            case .throttling, .limitExceeded: .throttled
            default: .other
            }
        self.init(kind, message: error.message)
    }
}
