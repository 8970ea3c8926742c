/// A grant on a key, as evaluated for authorization.
///
/// A grant allows its grantee exactly the listed operations (KMS developer guide, "Grants in AWS KMS"), in
/// any account, without a key policy or IAM policy; an explicit deny still wins. Encryption-context
/// constraints apply only to operations that take an encryption context (`AccessRequest.encryptionContext`
/// non-nil); in them keys compare case-insensitively and values case-sensitively (KMS API reference,
/// `GrantConstraints`).
public struct GrantRule: Sendable, Hashable {
    /// The grant's encryption-context constraint.
    public enum Constraints: Sendable, Hashable {
        /// Every pair must be in the request's context, which may hold more (`EncryptionContextSubset`).
        case encryptionContextSubset([String: String])
        /// The request's context must be exactly these pairs (`EncryptionContextEquals`).
        case encryptionContextEquals([String: String])
    }

    /// The grant id, reported in `AllowReason.grant`.
    public let grantId: String
    /// The ARN of the principal the grant is for (exact match).
    public let granteePrincipal: String
    /// The granted operations as KMS names them (`Decrypt`, `GenerateDataKey`, `RetireGrant`, ...).
    public let operations: Set<String>
    /// The encryption-context constraint, if any.
    public let constraints: Constraints?
    /// The ARN of the principal that may retire the grant, if any.
    public let retiringPrincipal: String?

    /// `kms:<operation>` lowercased, to compare with `AccessRequest.normalizedAction`.
    private let actions: Set<String>

    /// Creates a grant as stored by CreateGrant.
    public init(
        grantId: String, granteePrincipal: String, operations: Set<String>, constraints: Constraints? = nil,
        retiringPrincipal: String? = nil
    ) {
        self.grantId = grantId
        self.granteePrincipal = granteePrincipal
        self.operations = operations
        self.constraints = constraints
        self.retiringPrincipal = retiringPrincipal
        self.actions = Set(operations.map { "kms:\($0)".lowercased() })
    }

    /// Whether this grant allows `request`.
    public func allows(_ request: AccessRequest) -> Bool {
        guard request.principal.arn == self.granteePrincipal, self.actions.contains(request.normalizedAction) else {
            return false
        }
        guard let constraints = self.constraints, let context = request.encryptionContext else { return true }
        switch constraints {
        case .encryptionContextSubset(let required):
            return required.allSatisfy { Self.context(context, contains: $0) }
        case .encryptionContextEquals(let required):
            return context.count == required.count && required.allSatisfy { Self.context(context, contains: $0) }
        }
    }

    /// Whether `principal` may retire the grant: its retiring principal, its grantee when the grant includes
    /// `RetireGrant`, or the root user of the account that owns the key (KMS API reference, `RetireGrant`).
    public func mayBeRetired(by principal: PrincipalRef, keyAccount: String) -> Bool {
        if principal.arn == self.retiringPrincipal { return true }
        if principal.arn == self.granteePrincipal, self.operations.contains("RetireGrant") { return true }
        return principal.isRoot && principal.accountId == keyAccount
    }

    /// Whether `context` has `pair`, comparing keys ignoring case and values exactly.
    private static func context(_ context: [String: String], contains pair: (key: String, value: String)) -> Bool {
        if let value = context[pair.key], UTF8Bytes.equal(value, pair.value) { return true }
        let key = pair.key.lowercased()
        return context.contains {
            CaseFolding.equals($0.key, lowercased: key) && UTF8Bytes.equal($0.value, pair.value)
        }
    }
}
