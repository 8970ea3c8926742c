import Crypto
import HTTPSupport
import KMS
import ObjectStore

/// Adapts the embedded key service to the object store's ``DataKeyProvider``: SSE-KMS data keys for S3.
///
/// Every call is made on the requester's behalf through the `s3` channel: key policies see the requester (with
/// its identity policies) and `kms:ViaService = s3.<region>.amazonaws.com`, quotas charge the requester's
/// account, and the audit trail shows `invokedBy: s3.amazonaws.com` with the S3 request's id. Calls count in
/// `coffer_kms_requests_total{caller="s3"}`. Without a key id the AWS managed key `alias/aws/s3` is used, created
/// on first use. Key service errors become ``DataKeyProviderError``s that S3 renders as `KMS.<Exception>`,
/// `AccessDenied` (403) or `SlowDown` (503). Each call's duration is recorded in
/// `coffer_kms_request_duration_seconds{caller="s3"}`.
struct KMSDataKeyProvider: DataKeyProvider {
    /// The AWS managed key of S3.
    static let managedKeyAlias = "alias/aws/s3"

    let kms: KeyManagementService
    /// The server's principals, to find a requester's identity policies from its ARN.
    let credentials: CredentialStore
    let timer = KMSRequestTimer(registry: CofferMetrics.registry)

    func generateDataKey(
        keyId: String?, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> StoreDataKey {
        let caller = self.caller(requester)
        do {
            let generated = try await traced("GenerateDataKey", keyId ?? Self.managedKeyAlias) {
                () async throws(KMSError) in
                try await generate(keyId: keyId ?? Self.managedKeyAlias, encryptionContext, caller)
            }
            return StoreDataKey(
                plaintext: generated.plaintext, ciphertext: generated.ciphertextBlob, keyArn: generated.keyArn)
        } catch {
            throw DataKeyProviderError(error, operation: "GenerateDataKey", principalArn: requester.principalArn)
        }
    }

    func decryptDataKey(
        ciphertext: [UInt8], keyArn: String, encryptionContext: [String: String], requester: DataKeyRequester
    ) async throws -> SymmetricKey {
        do {
            return try await traced("Decrypt", keyArn) { () async throws(KMSError) in
                try await kms.decrypt(
                    ciphertextBlob: ciphertext, encryptionContext: encryptionContext, keyId: keyArn,
                    encryptionAlgorithm: nil, caller: caller(requester))
            }.plaintext
        } catch {
            throw DataKeyProviderError(error, operation: "Decrypt", principalArn: requester.principalArn)
        }
    }

    /// Runs one key service call, timed in the metrics and, when the request records one, in its envelope trace
    /// (a `kms-call` step naming the operation, the key and the outcome).
    private func traced<T: Sendable>(
        _ operation: String, _ keyId: String, _ body: () async throws(KMSError) -> T
    ) async throws(KMSError) -> T {
        guard let trace = EnvelopeTrace.current else { return try await timer.time(operation, .s3, body) }
        let start = ContinuousClock.now
        func milliseconds() -> Double {
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        }
        do {
            let result = try await timer.time(operation, .s3, body)
            trace.record(.kmsCall(operation: operation, keyId: keyId, milliseconds: milliseconds(), error: nil))
            return result
        } catch {
            trace.record(
                .kmsCall(operation: operation, keyId: keyId, milliseconds: milliseconds(), error: error.code.rawValue))
            throw error
        }
    }

    /// One GenerateDataKey. The first use of `alias/aws/s3` creates the managed key beforehand, so the
    /// GenerateDataKey the request counters and the audit trail see is the one that succeeds, not a NotFound.
    private func generate(
        keyId: String, _ context: [String: String], _ caller: KMSCaller
    ) async throws(KMSError) -> KMS.GeneratedDataKey {
        if keyId == Self.managedKeyAlias, !kms.awsManagedKeyExists(service: "s3") {
            _ = try await kms.awsManagedKey(service: "s3", caller: caller)
        }
        return try await kms.generateDataKey(
            keyId: keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: context, caller: caller)
    }

    /// The requester as the key service sees it: its identity policies, access key and the S3 request's id.
    private func caller(_ requester: DataKeyRequester) -> KMSCaller {
        let principal = credentials.principal(withArn: requester.principalArn)
        return KMSCaller(
            principalArn: requester.principalArn, accountId: requester.accountId, channel: .s3,
            identityPolicies: principal?.identityPolicies ?? [], accessKeyId: principal?.accessKeyId,
            requestId: RequestScope.requestId)
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

    /// As `init(_:)`, except that access denied is worded as S3 words it (reference §4.7): on PUT it names the
    /// principal and `kms:GenerateDataKey`; on GET it is the plain `Access Denied` of a missing `s3:GetObject`.
    init(_ error: KMSError, operation: String, principalArn: String) {
        self.init(error)
        guard error.code == .accessDenied else { return }
        message =
            operation == "GenerateDataKey"
            ? "User: \(principalArn) is not authorized to perform: kms:GenerateDataKey on this resource because the "
                + "resource does not exist in this Region, no resource-based policies allow access, or a "
                + "resource-based policy explicitly denies access"
            : ""
    }
}
