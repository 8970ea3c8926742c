import AccessPolicy
import AuditTrail
import TextCodings

/// CreateGrant's checks and the condition keys its authorization sees.
extension KeyManagementService {
    /// The request's members against the model: at least one known operation, an ARN-shaped grantee.
    static func validateGrant(_ request: CreateGrantRequest) throws(KMSError) {
        guard !request.operations.isEmpty else {
            throw .validation(
                "1 validation error detected: Value '[]' at 'operations' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1")
        }
        for operation in request.operations where !KeyGrant.operations.contains(operation) {
            throw .notInEnum(operation, member: "operations", values: KeyGrant.operations.sorted())
        }
        for (member, principal) in [("granteePrincipal", request.granteePrincipal)]
            + (request.retiringPrincipal.map { [("retiringPrincipal", $0)] } ?? [])
        where !isPrincipal(principal) {
            throw .validation(
                "1 validation error detected: Value '\(principal)' at '\(member)' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: ^[\\w+=,.@:/-]+$")
        }
    }

    /// The operations must fit the key: cryptographic operations of its usage, plus the grant and describe ones.
    /// Encryption-context constraints fit symmetric encryption keys only.
    static func checkOperations(_ request: CreateGrantRequest, fit key: KMSKey) throws(KMSError) {
        let common: Set<String> = ["CreateGrant", "RetireGrant", "DescribeKey"]
        let allowed: Set<String>
        switch (key.keySpec, key.keyUsage) {
        case (.symmetricDefault, _):
            allowed = [
                "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom",
                "ReEncryptTo", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
            ]
        case (_, .encryptDecrypt): allowed = ["Decrypt", "Encrypt", "ReEncryptFrom", "ReEncryptTo", "GetPublicKey"]
        case (_, .signVerify): allowed = ["Sign", "Verify", "GetPublicKey"]
        case (_, .generateVerifyMac): allowed = ["GenerateMac", "VerifyMac"]
        case (_, .keyAgreement): allowed = ["DeriveSharedSecret", "GetPublicKey"]
        }
        let unfit = request.operations.filter { !allowed.contains($0) && !common.contains($0) }
        guard unfit.isEmpty else {
            throw .validation(
                "Grant operations \(unfit.joined(separator: ", ")) are not valid for a key with key spec "
                    + "\(key.keySpec.rawValue) and key usage \(key.keyUsage.rawValue).")
        }
        if request.constraint != nil, !key.isSymmetricEncryptionKey {
            throw .validation("Grant constraints are valid only for symmetric encryption KMS keys.")
        }
    }

    /// Whether a CreateGrant repeats an existing named grant (same name, grantee, retiring principal, operations
    /// and constraint), which AWS answers with the existing grant.
    static func isRepeat(_ request: CreateGrantRequest, of entry: GrantListEntry) -> Bool {
        guard let name = request.name, name == entry.name else { return false }
        return entry.granteePrincipal == request.granteePrincipal
            && entry.retiringPrincipal == request.retiringPrincipal
            && Set(entry.operations) == Set(request.operations) && entry.constraint == request.constraint
    }

    /// The condition keys of a CreateGrant request, for key and identity policies.
    static func grantConditions(_ request: CreateGrantRequest) -> [String: ConditionValue] {
        var conditions: [String: ConditionValue] = [
            "kms:GrantOperations": .multiple(request.operations),
            "kms:GranteePrincipal": .single(request.granteePrincipal),
            "kms:GrantIsForAWSResource": .bool(false),
        ]
        if let retiring = request.retiringPrincipal { conditions["kms:RetiringPrincipal"] = .single(retiring) }
        return conditions
    }

    /// CreateGrant's loggable parameters (never the grant token).
    static func auditParameters(_ request: CreateGrantRequest) -> AuditFields {
        var fields = AuditFields.request(keyId: request.keyId)
        fields[.granteePrincipal] = .string(request.granteePrincipal)
        fields[.retiringPrincipal] = request.retiringPrincipal.map { .string($0) }
        fields[.operations] = .array(request.operations.map { .string($0) })
        fields[.name] = request.name.map { .string($0) }
        switch request.constraint {
        case .encryptionContextSubset(let pairs)?:
            fields[.constraints] = .object(["encryptionContextSubset": JSONValue(pairs)])
        case .encryptionContextEquals(let pairs)?:
            fields[.constraints] = .object(["encryptionContextEquals": JSONValue(pairs)])
        case nil:
            break
        }
        return fields
    }

    /// A grant id: 64 hexadecimal characters.
    static func validateGrantId(_ grantId: String) throws(KMSError) {
        guard grantId.utf8.count == 64, grantId.utf8.allSatisfy({ Self.isHexDigit($0) }) else {
            throw KMSError(.invalidGrantId, "Invalid grant ID.")
        }
    }

    /// Lowercase hexadecimal.
    static func hex(_ bytes: [UInt8]) -> String {
        Hex.encode(bytes)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// `^[\w+=,.@:/-]+$`, 1 to 256 characters: the model's pattern for principals.
    private static func isPrincipal(_ value: String) -> Bool {
        (1...256).contains(value.utf8.count)
            && value.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || "_+=,.@:/-".unicodeScalars.contains($0))
            }
    }
}

extension KMSError {
    /// No grant with `grantId` on the key.
    static func grantNotFound(_ grantId: String) -> KMSError { .init(.notFound, "Grant ID \(grantId) not found.") }
}
