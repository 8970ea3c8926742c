import KMS

/// CreateAlias' and UpdateAlias' input.
struct AliasTargetInput: KMSInput {
    var aliasName: String?
    var targetKeyId: String?

    enum CodingKeys: String, CodingKey {
        case aliasName = "AliasName"
        case targetKeyId = "TargetKeyId"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.aliasName(aliasName)
        validator.keyId(targetKeyId, "targetKeyId")
    }
}

/// DeleteAlias' input.
struct DeleteAliasInput: KMSInput {
    var aliasName: String?

    enum CodingKeys: String, CodingKey { case aliasName = "AliasName" }

    func validate(_ validator: inout ShapeValidator) {
        validator.aliasName(aliasName)
    }
}

/// ListAliases' input: every alias, or one key's.
struct ListAliasesInput: KMSInput {
    var keyId: String?
    var limit: Int?
    var marker: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case limit = "Limit"
        case marker = "Marker"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId, required: false)
        validator.limit(limit, 1...100)
        validator.marker(marker)
    }
}

/// ListAliases' output; predefined AWS aliases without a key carry no `TargetKeyId`.
struct ListAliasesOutput: Encodable {
    struct Entry: Encodable {
        var aliasName: String
        var aliasArn: String
        var targetKeyId: String?
        var creationDate: Double?
        var lastUpdatedDate: Double?

        enum CodingKeys: String, CodingKey {
            case aliasName = "AliasName"
            case aliasArn = "AliasArn"
            case targetKeyId = "TargetKeyId"
            case creationDate = "CreationDate"
            case lastUpdatedDate = "LastUpdatedDate"
        }
    }

    var aliases: [Entry]
    var nextMarker: String?
    var truncated: Bool

    enum CodingKeys: String, CodingKey {
        case aliases = "Aliases"
        case nextMarker = "NextMarker"
        case truncated = "Truncated"
    }

    init(_ page: Page<AliasEntry>) {
        self.aliases = page.items.map {
            Entry(
                aliasName: $0.aliasName, aliasArn: $0.aliasArn, targetKeyId: $0.targetKeyId,
                creationDate: $0.creationDate.map(KMSWire.timestamp),
                lastUpdatedDate: $0.lastUpdatedDate.map(KMSWire.timestamp)
            )
        }
        self.nextMarker = page.nextMarker
        self.truncated = page.truncated
    }
}
