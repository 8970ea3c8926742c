/// CreateKey's semantic checks of KeySpec, KeyUsage, Origin and MultiRegion (reference §1.5).
extension KeyManagementService {
    /// The usages each key spec allows.
    static func allowedUsages(of spec: KeySpec) -> Set<KeyUsage> {
        switch spec {
        case .symmetricDefault: [.encryptDecrypt]
        case .rsa2048, .rsa3072, .rsa4096: [.encryptDecrypt, .signVerify]
        case .eccNistP256, .eccNistP384, .eccNistP521: [.signVerify, .keyAgreement]
        case .eccSecgP256k1: [.signVerify]
        case .hmac224, .hmac256, .hmac384, .hmac512: [.generateVerifyMac]
        }
    }

    /// Returns the key spec and usage to create, or throws the error AWS gives for the combination.
    static func validatedSpec(_ request: CreateKeyRequest) throws(KMSError) -> (KeySpec, KeyUsage) {
        let spec = request.keySpec ?? .symmetricDefault
        if let origin = request.origin, origin != "AWS_KMS" {
            throw .init(.unsupportedOperation, "Origin \(origin) is not supported by this key service.")
        }
        guard let usage = request.keyUsage ?? (spec == .symmetricDefault ? .encryptDecrypt : nil) else {
            throw .validation(
                "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")
        }
        guard allowedUsages(of: spec).contains(usage) else {
            throw .validation("KeyUsage \(usage.rawValue) is not compatible with KeySpec \(spec.rawValue)")
        }
        guard usage != .keyAgreement else {
            throw .init(.unsupportedOperation, "KeyUsage KEY_AGREEMENT is not supported by this key service.")
        }
        guard !request.multiRegion else {
            throw .init(.unsupportedOperation, "Multi-Region keys are not supported by this key service.")
        }
        return (spec, usage)
    }
}
