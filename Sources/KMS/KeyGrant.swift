import AccessPolicy
public import Foundation

/// A grant's encryption-context constraint (`GrantConstraints`): at most one of its two members.
public enum GrantConstraint: Sendable, Equatable {
    /// `EncryptionContextSubset`: every pair must be in the request's context, which may hold more.
    case encryptionContextSubset([String: String])
    /// `EncryptionContextEquals`: the request's context must be exactly these pairs.
    case encryptionContextEquals([String: String])
}

/// The input of CreateGrant.
public struct CreateGrantRequest: Sendable {
    /// The key, by key id or key ARN.
    public var keyId: String
    /// The principal the grant is for, by ARN.
    public var granteePrincipal: String
    /// The principal that may retire the grant, by ARN.
    public var retiringPrincipal: String?
    /// The operations granted, named as KMS names them (`Decrypt`, `GenerateDataKey`, `ReEncryptFrom`, ...).
    public var operations: [String]
    /// The encryption-context constraint.
    public var constraint: GrantConstraint?
    /// A name that makes CreateGrant idempotent: the same name and parameters return the existing grant.
    public var name: String?

    /// Creates a request.
    public init(
        keyId: String, granteePrincipal: String, retiringPrincipal: String? = nil, operations: [String],
        constraint: GrantConstraint? = nil, name: String? = nil
    ) {
        self.keyId = keyId
        self.granteePrincipal = granteePrincipal
        self.retiringPrincipal = retiringPrincipal
        self.operations = operations
        self.constraint = constraint
        self.name = name
    }
}

/// What CreateGrant returns: the grant's id and its token.
public struct CreatedGrant: Sendable, Equatable {
    /// 64 hexadecimal characters.
    public var grantId: String
    /// An opaque token that RetireGrant accepts in place of the key and grant id.
    public var grantToken: String
}

/// A grant as ListGrants shows it (`GrantListEntry`).
public struct GrantListEntry: Sendable, Equatable {
    /// The key's ARN.
    public var keyId: String
    public var grantId: String
    public var name: String?
    public var creationDate: Date
    public var granteePrincipal: String
    public var retiringPrincipal: String?
    /// The account root that created the grant, `arn:aws:iam::<account>:root`.
    public var issuingAccount: String
    public var operations: [String]
    public var constraint: GrantConstraint?
}

/// A grant on a key, as stored: what ListGrants shows, its token, and the rule authorization evaluates.
struct KeyGrant: Sendable {
    /// The grant operations of the model (`GrantOperation`).
    static let operations: Set<String> = [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo",
        "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair",
        "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret",
    ]

    let entry: GrantListEntry
    let token: String
    /// The grant as `PolicyEvaluator` takes it, built once.
    let rule: GrantRule

    init(entry: GrantListEntry, token: String) {
        self.entry = entry
        self.token = token
        let constraints: GrantRule.Constraints? =
            switch entry.constraint {
            case .encryptionContextSubset(let pairs)?: .encryptionContextSubset(pairs)
            case .encryptionContextEquals(let pairs)?: .encryptionContextEquals(pairs)
            case nil: nil
            }
        self.rule = GrantRule(
            grantId: entry.grantId, granteePrincipal: entry.granteePrincipal, operations: Set(entry.operations),
            constraints: constraints, retiringPrincipal: entry.retiringPrincipal)
    }

    var grantId: String { entry.grantId }
}

/// A key's grants, with their evaluation rules kept beside them so authorization builds nothing per call.
struct KeyGrants: Sendable {
    private(set) var all: [KeyGrant] = []
    /// The rules of `all`, in the same order.
    private(set) var rules: [GrantRule] = []

    var count: Int { all.count }

    mutating func add(_ grant: KeyGrant) {
        all.append(grant)
        rules.append(grant.rule)
    }

    /// Removes the grant with `grantId`; returns it, or nil when the key has none with that id.
    @discardableResult
    mutating func remove(grantId: String) -> KeyGrant? {
        guard let index = all.firstIndex(where: { $0.grantId == grantId }) else { return nil }
        rules.remove(at: index)
        return all.remove(at: index)
    }

    func grant(id: String) -> KeyGrant? { all.first { $0.grantId == id } }
    func grant(token: String) -> KeyGrant? { all.first { $0.token == token } }
}
