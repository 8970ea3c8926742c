import AuditTrail

/// GenerateMac and VerifyMac with HMAC keys; the HMAC key never leaves the service.
extension KeyManagementService {
    /// GenerateMac: `message` 1...4096 bytes; the algorithm must be the key spec's.
    public func generateMac(keyId: String, message: [UInt8], macAlgorithm: String, caller: KMSCaller)
        async throws(KMSError) -> MacResult
    {
        let parameters = AuditFields.request(keyId: keyId, algorithm: (.macAlgorithm, macAlgorithm))
        return try await perform(.generateMac, caller, parameters) { caller throws(KMSError) in
            let (key, hmac) = try macKey(
                keyId, message: message, algorithm: macAlgorithm, for: .generateMac, caller: caller)
            guard let mac = try? hmac.mac(message) else { throw .internalFailure }
            return MacResult(keyArn: key.arn, mac: mac, macAlgorithm: macAlgorithm)
        }
    }

    /// VerifyMac: succeeds only when `mac` is the message's MAC (compared in constant time), else
    /// KMSInvalidMacException with an empty message.
    public func verifyMac(keyId: String, message: [UInt8], mac: [UInt8], macAlgorithm: String, caller: KMSCaller)
        async throws(KMSError) -> MacResult
    {
        let parameters = AuditFields.request(keyId: keyId, algorithm: (.macAlgorithm, macAlgorithm))
        return try await perform(.verifyMac, caller, parameters) { caller throws(KMSError) in
            guard (1...6144).contains(mac.count) else {
                throw .lengthOutOfRange(mac.count, member: "mac", range: 1...6144)
            }
            let (key, hmac) = try macKey(
                keyId, message: message, algorithm: macAlgorithm, for: .verifyMac, caller: caller)
            guard hmac.isValid(mac, for: message) else { throw .invalidMac }
            return MacResult(keyArn: key.arn, mac: [], macAlgorithm: macAlgorithm)
        }
    }

    /// The checks both share: message length, key, state, usage, and the algorithm against the key spec.
    private func macKey(
        _ keyId: String, message: [UInt8], algorithm: String, for operation: KMSOperation, caller: KMSCaller
    ) throws(KMSError) -> (KMSKey, HMACKey) {
        guard (1...4096).contains(message.count) else {
            throw .lengthOutOfRange(message.count, member: "message", range: 1...4096)
        }
        let key = try self.key(keyId, for: operation, caller: caller, forms: .any, in: store)
        guard key.keyUsage == .generateVerifyMac, case .hmac(let hmac) = key.material else {
            throw .invalidKeyUsage(arn: key.arn, usage: key.keyUsage, operation: operation)
        }
        guard key.keySpec.macAlgorithm?.rawValue == algorithm else {
            let model = MacAlgorithm.allCases.map(\.rawValue)
            guard model.contains(algorithm) else { throw .notInEnum(algorithm, member: "macAlgorithm", values: model) }
            throw .incompatibleAlgorithm(algorithm, spec: key.keySpec)
        }
        return (key, hmac)
    }
}
