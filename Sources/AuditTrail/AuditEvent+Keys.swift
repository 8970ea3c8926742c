extension AuditEvent {
    private static let keyFields: [AuditField] = [.keyId, .sourceKeyId, .destinationKeyId, .targetKeyId]

    /// Every key reference of the event: resource ARNs, then key ids in the request and the response.
    var keyReferences: [String] {
        var references = resources?.map(\.arn) ?? []
        for fields in [requestParameters, responseElements] {
            guard let fields else { continue }
            for field in Self.keyFields {
                if let value = fields[field]?.stringValue { references.append(value) }
            }
        }
        return references
    }

    /// The key to show for the event: its first resource ARN, else the request's key id.
    var displayedKey: String? {
        keyReferences.first.map(KeyReference.shortForm)
    }
}

/// Key ids, key ARNs, alias names and alias ARNs reduced to one comparable form.
enum KeyReference {
    /// `arn:aws:kms:r:a:key/<id>` and `<id>` become `<id>`; `arn:aws:kms:r:a:alias/<n>` becomes `alias/<n>`.
    static func shortForm(_ reference: String) -> String {
        var resource = Substring(reference)
        if reference.hasPrefix("arn:") {
            let parts = reference.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            resource = parts.count == 6 ? parts[5] : resource
        }
        if resource.hasPrefix("key/") { resource = resource.dropFirst("key/".count) }
        return String(resource)
    }

    /// True when both refer to the same key or alias, whatever form each is written in.
    static func matches(_ lhs: String, _ rhs: String) -> Bool {
        lhs == rhs || shortForm(lhs) == shortForm(rhs)
    }
}
