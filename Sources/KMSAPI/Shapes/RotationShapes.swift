import KMS

/// EnableKeyRotation's input.
struct EnableKeyRotationInput: KMSInput {
    var keyId: String?
    var rotationPeriodInDays: Int?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case rotationPeriodInDays = "RotationPeriodInDays"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.value(rotationPeriodInDays, "rotationPeriodInDays", 90...2560)
    }
}

/// GetKeyRotationStatus' output; the period and next date appear only while rotation is enabled.
struct GetKeyRotationStatusOutput: Encodable {
    var keyRotationEnabled: Bool
    var keyId: String
    var rotationPeriodInDays: Int?
    var nextRotationDate: Double?

    enum CodingKeys: String, CodingKey {
        case keyRotationEnabled = "KeyRotationEnabled"
        case keyId = "KeyId"
        case rotationPeriodInDays = "RotationPeriodInDays"
        case nextRotationDate = "NextRotationDate"
    }

    init(_ status: RotationStatus) {
        self.keyRotationEnabled = status.enabled
        self.keyId = status.keyId
        self.rotationPeriodInDays = status.rotationPeriodInDays
        self.nextRotationDate = status.nextRotationDate.map(KMSWire.timestamp)
    }
}

/// ListKeyRotations' input.
struct ListKeyRotationsInput: KMSInput {
    var keyId: String?
    var includeKeyMaterial: String?
    var limit: Int?
    var marker: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case includeKeyMaterial = "IncludeKeyMaterial"
        case limit = "Limit"
        case marker = "Marker"
    }

    func validate(_ validator: inout ShapeValidator) {
        validator.keyId(keyId)
        validator.oneOf(includeKeyMaterial, "includeKeyMaterial", KMSEnums.includeKeyMaterial)
        validator.limit(limit, 1...1000)
        validator.marker(marker)
    }
}

/// ListKeyRotations' output.
struct ListKeyRotationsOutput: Encodable {
    struct Entry: Encodable {
        var keyId: String
        var keyMaterialId: String
        var rotationDate: Double
        var rotationType: String

        enum CodingKeys: String, CodingKey {
            case keyId = "KeyId"
            case keyMaterialId = "KeyMaterialId"
            case rotationDate = "RotationDate"
            case rotationType = "RotationType"
        }
    }

    var rotations: [Entry]
    var nextMarker: String?
    var truncated: Bool

    enum CodingKeys: String, CodingKey {
        case rotations = "Rotations"
        case nextMarker = "NextMarker"
        case truncated = "Truncated"
    }

    init(_ page: Page<RotationEntry>) {
        self.rotations = page.items.map {
            Entry(
                keyId: $0.keyId, keyMaterialId: $0.keyMaterialId, rotationDate: KMSWire.timestamp($0.rotationDate),
                rotationType: $0.rotationType.rawValue
            )
        }
        self.nextMarker = page.nextMarker
        self.truncated = page.truncated
    }
}
