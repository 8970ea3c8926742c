/// An operation's input as decoded from JSON: optional members, checked against the model before use.
protocol KMSInput: Decodable {
    /// `DryRun`, for the operations that have it.
    var dryRun: Bool? { get }
    /// Records every constraint violation of the members.
    func validate(_ validator: inout ShapeValidator)
}

extension KMSInput {
    var dryRun: Bool? { nil }

    /// Self, once every member satisfies the model's constraints.
    /// - Throws: `ValidationException` listing the violations; `UnsupportedOperationException` for `DryRun`.
    func validated() throws(KMSWireError) -> Self {
        var validator = ShapeValidator()
        validate(&validator)
        try validator.check()
        if dryRun == true {
            throw KMSWireError(type: "UnsupportedOperationException", message: "DryRun is not supported.")
        }
        return self
    }
}

/// `{"TagKey": …, "TagValue": …}`, in and out.
struct TagShape: Codable, Sendable {
    var tagKey: String?
    var tagValue: String?

    enum CodingKeys: String, CodingKey {
        case tagKey = "TagKey"
        case tagValue = "TagValue"
    }
}
