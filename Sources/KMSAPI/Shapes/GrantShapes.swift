import KMS

/// `GrantConstraints`, in and out: at most one of the two maps.
struct GrantConstraintsShape: Codable, Sendable {
    var encryptionContextSubset: [String: String]?
    var encryptionContextEquals: [String: String]?

    enum CodingKeys: String, CodingKey {
        case encryptionContextSubset = "EncryptionContextSubset"
        case encryptionContextEquals = "EncryptionContextEquals"
    }

    init(_ constraint: GrantConstraint) {
        switch constraint {
        case .encryptionContextSubset(let pairs): encryptionContextSubset = pairs
        case .encryptionContextEquals(let pairs): encryptionContextEquals = pairs
        }
    }

    /// The domain's constraint; both maps at once are not supported.
    var constraint: GrantConstraint? {
        get throws(KMSWireError) {
            switch (encryptionContextSubset, encryptionContextEquals) {
            case (nil, nil): return nil
            case (let subset?, nil): return .encryptionContextSubset(subset)
            case (nil, let equals?): return .encryptionContextEquals(equals)
            default:
                throw .validation("Specify either EncryptionContextSubset or EncryptionContextEquals, not both.")
            }
        }
    }
}

/// CreateGrant's input.
struct CreateGrantInput: KMSInput {
    var keyId: String?
    var granteePrincipal: String?
    var retiringPrincipal: String?
    var operations: [String]?
    var constraints: GrantConstraintsShape?
    var grantTokens: [String]?
    var name: String?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case granteePrincipal = "GranteePrincipal"
        case retiringPrincipal = "RetiringPrincipal"
        case operations = "Operations"
        case constraints = "Constraints"
        case grantTokens = "GrantTokens"
        case name = "Name"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.length(granteePrincipal, "granteePrincipal", 1...256, required: true)
        validator.length(retiringPrincipal, "retiringPrincipal", 1...256)
        validator.required(operations, "operations")
        validator.grantTokens(grantTokens)
        validator.length(name, "name", 1...256)
    }

    func request() throws(KMSWireError) -> CreateGrantRequest {
        CreateGrantRequest(
            keyId: keyId ?? "", granteePrincipal: granteePrincipal ?? "", retiringPrincipal: retiringPrincipal,
            operations: operations ?? [], constraint: try constraints?.constraint, name: name)
    }
}

/// CreateGrant's output.
struct CreateGrantOutput: Encodable, FlatStringOutput {
    var grantToken: String
    var grantId: String

    enum CodingKeys: String, CodingKey {
        case grantToken = "GrantToken"
        case grantId = "GrantId"
    }

    var jsonMembers: KeyValuePairs<String, String?> { ["GrantToken": grantToken, "GrantId": grantId] }
}

/// ListGrants' input.
struct ListGrantsInput: KMSInput {
    var keyId: String?
    var limit: Int?
    var marker: String?
    var grantId: String?
    var granteePrincipal: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case limit = "Limit"
        case marker = "Marker"
        case grantId = "GrantId"
        case granteePrincipal = "GranteePrincipal"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.limit(limit, 1...100)
        validator.marker(marker)
        validator.length(grantId, "grantId", 1...128)
        validator.length(granteePrincipal, "granteePrincipal", 1...256)
    }
}

/// ListGrants' output.
struct ListGrantsOutput: Encodable {
    struct Entry: Encodable {
        var keyId: String
        var grantId: String
        var name: String?
        var creationDate: Double
        var granteePrincipal: String
        var retiringPrincipal: String?
        var issuingAccount: String
        var operations: [String]
        var constraints: GrantConstraintsShape?

        enum CodingKeys: String, CodingKey {
            case keyId = "KeyId"
            case grantId = "GrantId"
            case name = "Name"
            case creationDate = "CreationDate"
            case granteePrincipal = "GranteePrincipal"
            case retiringPrincipal = "RetiringPrincipal"
            case issuingAccount = "IssuingAccount"
            case operations = "Operations"
            case constraints = "Constraints"
        }
    }

    var grants: [Entry]
    var nextMarker: String?
    var truncated: Bool

    enum CodingKeys: String, CodingKey {
        case grants = "Grants"
        case nextMarker = "NextMarker"
        case truncated = "Truncated"
    }

    init(_ page: Page<GrantListEntry>) {
        self.grants = page.items.map {
            Entry(
                keyId: $0.keyId, grantId: $0.grantId, name: $0.name, creationDate: KMSWire.timestamp($0.creationDate),
                granteePrincipal: $0.granteePrincipal, retiringPrincipal: $0.retiringPrincipal,
                issuingAccount: $0.issuingAccount, operations: $0.operations,
                constraints: $0.constraint.map(GrantConstraintsShape.init))
        }
        self.nextMarker = page.nextMarker
        self.truncated = page.truncated
    }
}

/// RetireGrant's input: a grant token, or a key and a grant id.
struct RetireGrantInput: KMSInput {
    var grantToken: String?
    var keyId: String?
    var grantId: String?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case grantToken = "GrantToken"
        case keyId = "KeyId"
        case grantId = "GrantId"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.length(grantToken, "grantToken", 1...8192)
        validator.keyId(keyId, required: false)
        validator.length(grantId, "grantId", 1...128)
    }
}

/// RevokeGrant's input.
struct RevokeGrantInput: KMSInput {
    var keyId: String?
    var grantId: String?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case grantId = "GrantId"
        case dryRun = "DryRun"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.length(grantId, "grantId", 1...128, required: true)
    }
}
