import AuditTrail
import Foundation
import KMSQuota

/// The one place every operation passes: it is counted, and its audit event is recorded with its outcome.
extension KeyManagementService {
    /// Runs one operation for `caller`: counts it in `coffer_kms_requests_total`, runs `body` with a caller that
    /// notes the keys it resolves, and records the audit event, whether the operation succeeded or failed.
    ///
    /// A call that fails without having been charged to a request quota (denied, unknown key, invalid input, on an
    /// operation of any family) is charged one token of the symmetric quota, the account's general pool; over the
    /// quota it fails with ThrottlingException instead. Throttled calls are counted
    /// (`coffer_kms_throttled_total`) but not recorded one by one, so no caller can make the audit trail grow
    /// faster than its quota.
    ///
    /// - Parameters:
    ///   - parameters: the request's loggable parameters; evaluated only when there is an audit sink.
    ///   - body: the operation; it must pass the caller it is given to the key resolution (`key(_:for:caller:...)`).
    func perform<T>(
        _ operation: KMSOperation, _ caller: KMSCaller, _ parameters: @autoclosure () -> AuditFields = AuditFields(),
        _ body: (KMSCaller) async throws(KMSError) -> T
    ) async throws(KMSError) -> T {
        counters.record(operation, caller)
        var traced = caller
        let trace = KMSCallTrace()
        traced.trace = trace
        let result: T
        do {
            result = try await body(traced)
        } catch {
            var failure = error
            if failure.code != .throttling, !trace.snapshot.charged {
                do throws(KMSError) { try charge(.symmetric, caller: traced) } catch { failure = error }
            }
            if failure.code != .throttling, let audit {
                try? await audit.recordWithinLimit(
                    auditEvent(operation, caller, parameters(), trace.snapshot, error: failure))
            }
            throw failure
        }
        guard let audit else { return result }
        let event = auditEvent(operation, caller, parameters(), trace.snapshot, error: nil)
        do {
            // A change is acknowledged only once durable, its event included; reads and failures are kept within
            // one batch of the writer (docs/audit.md, "Durability").
            if event.readOnly {
                try await audit.recordWithinLimit(event)
            } else {
                try await audit.recordDurably(event)
            }
        } catch {
            // The trail cannot take the event (its disk is full or failing): the call is not acknowledged.
            throw .auditTrailUnavailable
        }
        return result
    }

    /// Charges a call refused before it reached an operation (a malformed or invalid request) to the caller's
    /// symmetric quota, like any failed call, and records it; false when the caller is over the quota (nothing is
    /// recorded then, and the wire layer answers ThrottlingException).
    public func admitRejectedCall(
        operationName: String, caller: KMSCaller, errorCode: String, errorMessage: String
    ) async -> Bool {
        guard quotas.admit(account: caller.accountId, family: .symmetric) else { return false }
        await recordRejectedCall(
            operationName: operationName, caller: caller, errorCode: errorCode, errorMessage: errorMessage)
        return true
    }

    /// Records a call refused before it reached an operation (a malformed or invalid request), for the wire layer.
    func recordRejectedCall(
        operationName: String, caller: KMSCaller, errorCode: String, errorMessage: String
    ) async {
        guard let audit, Self.operationNames.contains(operationName) else { return }
        let event = AuditEvent(
            eventName: operationName, userIdentity: userIdentity(caller), awsRegion: configuration.region,
            requestID: caller.requestId ?? UUID().uuidString.lowercased(),
            recipientAccountId: configuration.accountId, eventTime: clock.now(),
            sourceIPAddress: sourceAddress(caller), userAgent: userAgent(caller), errorCode: errorCode,
            errorMessage: errorMessage)
        try? await audit.recordWithinLimit(event)
    }

    /// Records an event of the service's own background jobs (`DeleteKey` at the end of a deletion window,
    /// `RotateKey` for automatic rotation), as CloudTrail records them: `AwsServiceEvent` by `kms.amazonaws.com`.
    func recordServiceEvent(_ eventName: String, keyArn: String) async {
        guard let audit else { return }
        let event = AuditEvent(
            eventName: eventName,
            userIdentity: AuditUserIdentity(type: .awsService, invokedBy: AuditUserIdentity.kmsServicePrincipal),
            awsRegion: configuration.region, requestID: UUID().uuidString.lowercased(),
            recipientAccountId: configuration.accountId, eventTime: clock.now(), eventType: .awsServiceEvent,
            readOnly: false, requestParameters: AuditFields([.keyId: .string(keyArn)]),
            resources: [.kmsKey(arn: keyArn)])
        await audit.record(event)
    }

    private func auditEvent(
        _ operation: KMSOperation, _ caller: KMSCaller, _ parameters: AuditFields, _ trace: KMSCallTrace.Record,
        error: KMSError?
    ) -> AuditEvent {
        AuditEvent(
            eventName: operation.rawValue, userIdentity: userIdentity(caller), awsRegion: configuration.region,
            requestID: caller.requestId ?? UUID().uuidString.lowercased(),
            recipientAccountId: configuration.accountId, eventTime: clock.now(),
            sourceIPAddress: sourceAddress(caller), userAgent: userAgent(caller),
            requestParameters: parameters.isEmpty ? nil : parameters,
            additionalEventData: trace.keyMaterialId.map { AuditFields([.keyMaterialId: .string($0)]) },
            errorCode: error?.code.rawValue, errorMessage: error?.message,
            resources: trace.keyArns.isEmpty ? nil : trace.keyArns.map(AuditResource.kmsKey(arn:)))
    }

    /// CloudTrail's `userIdentity`: the root user, an IAM user of this account, or a principal of another account
    /// (whose ARN Coffer keeps, for readability); `invokedBy: s3.amazonaws.com` for S3's calls.
    private func userIdentity(_ caller: KMSCaller) -> AuditUserIdentity {
        let invokedBy = caller.channel == .s3 ? AuditUserIdentity.s3ServicePrincipal : nil
        if caller.isRoot {
            return AuditUserIdentity(
                type: .root, principalId: caller.accountId, arn: caller.principalArn, accountId: caller.accountId,
                accessKeyId: caller.accessKeyId, invokedBy: invokedBy)
        }
        let userName = caller.principalArn.split(separator: "/", maxSplits: 1).last.map(String.init)
        return AuditUserIdentity(
            type: caller.accountId == configuration.accountId ? .iamUser : .awsAccount,
            arn: caller.principalArn, accountId: caller.accountId, accessKeyId: caller.accessKeyId,
            userName: userName, invokedBy: invokedBy)
    }

    private func sourceAddress(_ caller: KMSCaller) -> String? {
        caller.channel == .s3 ? AuditUserIdentity.s3ServicePrincipal : nil
    }

    private func userAgent(_ caller: KMSCaller) -> String? {
        caller.channel == .s3 ? AuditUserIdentity.s3ServicePrincipal : caller.userAgent
    }
}

extension AuditFields {
    /// The loggable parameters of a KMS request: key references, encryption context and algorithms, never
    /// plaintext, ciphertext, messages or signatures (`AuditField` has no case for them).
    static func request(
        keyId: String? = nil, encryptionContext: [String: String]? = nil, keySpec: String? = nil,
        numberOfBytes: Int? = nil, algorithm: (field: AuditField, value: String?)? = nil,
        extra: [AuditField: JSONValue] = [:]
    ) -> AuditFields {
        var fields = AuditFields(extra)
        if let keyId { fields[.keyId] = .string(keyId) }
        if let encryptionContext, !encryptionContext.isEmpty {
            fields[.encryptionContext] = JSONValue(encryptionContext)
        }
        if let keySpec { fields[.keySpec] = .string(keySpec) }
        if let numberOfBytes { fields[.numberOfBytes] = .int(numberOfBytes) }
        if let algorithm, let value = algorithm.value { fields[algorithm.field] = .string(value) }
        return fields
    }
}
