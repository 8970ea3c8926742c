import KMS

/// ListKeys' output.
struct ListKeysOutput: Encodable {
    struct Entry: Encodable {
        var keyId: String
        var keyArn: String
        enum CodingKeys: String, CodingKey {
            case keyId = "KeyId"
            case keyArn = "KeyArn"
        }
    }

    var keys: [Entry]
    var nextMarker: String?
    var truncated: Bool

    enum CodingKeys: String, CodingKey {
        case keys = "Keys"
        case nextMarker = "NextMarker"
        case truncated = "Truncated"
    }

    init(_ page: Page<KeyListEntry>) {
        self.keys = page.items.map { Entry(keyId: $0.keyId, keyArn: $0.keyArn) }
        self.nextMarker = page.nextMarker
        self.truncated = page.truncated
    }
}

/// ScheduleKeyDeletion's output.
struct ScheduleKeyDeletionOutput: Encodable {
    var keyId: String
    var deletionDate: Double?
    var keyState: String
    var pendingWindowInDays: Int?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId"
        case deletionDate = "DeletionDate"
        case keyState = "KeyState"
        case pendingWindowInDays = "PendingWindowInDays"
    }

    init(_ metadata: KeyMetadata) {
        self.keyId = metadata.arn
        self.deletionDate = metadata.deletionDate.map(KMSWire.timestamp)
        self.keyState = metadata.keyState.rawValue
        self.pendingWindowInDays = metadata.pendingDeletionWindowInDays
    }
}

/// `{"KeyId": …}`: the output of CancelKeyDeletion and RotateKeyOnDemand.
struct KeyIdOutput: Encodable {
    var keyId: String
    enum CodingKeys: String, CodingKey { case keyId = "KeyId" }
}
