/// The tag rules of TagResource and CreateKey (reference §1.2, §1.5).
extension KeyTag {
    /// The most tags a key can carry.
    static let maximumCount = 50

    /// Rejects reserved (`aws:`) and duplicate tag keys.
    static func validate(_ tags: [KeyTag]) throws(KMSError) {
        try validate(keys: tags.map(\.key))
        guard Set(tags.map(\.key)).count == tags.count else { throw .init(.tag, "Duplicate tag keys") }
    }

    /// Rejects reserved (`aws:`) tag keys.
    static func validate(keys: [String]) throws(KMSError) {
        guard !keys.contains(where: { $0.lowercased().hasPrefix("aws:") }) else {
            throw .init(.tag, "Tags beginning with aws: are reserved")
        }
    }

    /// `existing` with `tags` applied (same key overwrites), or LimitExceededException past 50 tags.
    static func merging(_ tags: [KeyTag], into existing: [KeyTag]) throws(KMSError) -> [KeyTag] {
        var merged = existing
        for tag in tags {
            if let index = merged.firstIndex(where: { $0.key == tag.key }) {
                merged[index] = tag
            } else {
                merged.append(tag)
            }
        }
        guard merged.count <= maximumCount else {
            throw .init(.limitExceeded, "A KMS key can have at most \(maximumCount) tags.")
        }
        return merged
    }
}
