/// The values a request has for one condition key, looked up without copying the request's maps.
enum RequestValues {
    case absent
    case single(String)
    case list([String])
    /// The keys of an encryption context (`kms:EncryptionContextKeys`).
    case contextKeys([String: String])
    /// The values of the encryption-context pairs whose key equals `key` ignoring case
    /// (`kms:EncryptionContext:<key>`). Normally one; pairs differing only by case make it multi-valued.
    case contextValues(key: String, context: [String: String])

    /// Finds the values of `key`: an explicit entry of `request.context` first, then what the engine derives.
    static func lookup(_ key: ConditionKeyName, in request: AccessRequest) -> RequestValues {
        if !request.context.isEmpty, let value = request.context[key.normalized] {
            switch value {
            case .single(let text): return .single(text)
            case .multiple(let texts): return texts.isEmpty ? .absent : .list(texts)
            }
        }
        switch key.derived {
        case .none:
            return .absent
        case .principalArn:
            return request.principal.isAnonymous ? .absent : .single(request.principal.arn)
        case .principalAccount:
            return request.principal.isAnonymous ? .absent : .single(request.principal.accountId)
        case .username:
            return request.principal.userName.map(RequestValues.single) ?? .absent
        case .encryptionContextKeys:
            guard let context = request.encryptionContext, !context.isEmpty else { return .absent }
            return .contextKeys(context)
        case .encryptionContextValue(let name):
            guard let context = request.encryptionContext,
                context.keys.contains(where: { CaseFolding.equals($0, lowercased: name) })
            else { return .absent }
            return .contextValues(key: name, context: context)
        }
    }

    /// Whether the key is missing from the request (an empty multi-valued key counts as missing).
    var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }

    /// Whether any value satisfies `predicate`.
    func contains(where predicate: (String) -> Bool) -> Bool {
        switch self {
        case .absent:
            return false
        case .single(let value):
            return predicate(value)
        case .list(let values):
            return values.contains(where: predicate)
        case .contextKeys(let context):
            return context.keys.contains(where: predicate)
        case .contextValues(let key, let context):
            return context.contains { CaseFolding.equals($0.key, lowercased: key) && predicate($0.value) }
        }
    }

    /// Whether every value satisfies `predicate` (vacuously true when absent).
    func allSatisfy(_ predicate: (String) -> Bool) -> Bool {
        !self.contains { !predicate($0) }
    }
}

/// Case-insensitive comparisons that avoid allocating for ASCII, which is nearly every real key and value.
enum CaseFolding {
    /// Whether `value` equals `lowercased` (already lowercased) ignoring case.
    static func equals(_ value: String, lowercased: String) -> Bool {
        var other = lowercased.utf8.makeIterator()
        for byte in value.utf8 {
            guard byte < 0x80 else { return value.lowercased() == lowercased }
            guard let expected = other.next() else { return false }
            let folded = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
            if folded != expected { return false }
        }
        return other.next() == nil
    }

    /// `true`/`false` in any case, else nil.
    static func bool(_ value: String) -> Bool? {
        if Self.equals(value, lowercased: "true") { return true }
        if Self.equals(value, lowercased: "false") { return false }
        return nil
    }
}
