import TextCodings

/// One `name=value` pair of a raw query string.
struct QueryParameter: Sendable, Equatable {
    /// The name, percent-decoded once (`+` stays a plus).
    let name: String
    /// The value, percent-decoded once; "" for a parameter without `=`.
    let value: String
    /// The name as received, still encoded.
    let rawName: Substring
    /// The value as received, still encoded.
    let rawValue: Substring
    /// False for a parameter written without `=` (`?uploads`).
    let hasValue: Bool

    /// Splits a raw query on `&` and `=`; empty segments (`a=1&&b=2`) are skipped.
    ///
    /// Scans UTF-8 bytes: `&`, `=` and `%` are ASCII and never occur inside a multi-byte character, so every
    /// split lands on a scalar boundary. (Splitting the `String` by `Character` cost about 200,000
    /// instructions for a presigned URL's seven parameters; see docs/performance.md.)
    static func parse(_ query: String) -> [QueryParameter] {
        var parameters: [QueryParameter] = []
        Self.forEachPair(query) { rawName, rawValue in
            parameters.append(
                QueryParameter(
                    name: PercentEncoding.decodeToString(rawName),
                    value: rawValue.map { PercentEncoding.decodeToString($0) } ?? "",
                    rawName: rawName,
                    rawValue: rawValue ?? "",
                    hasValue: rawValue != nil
                ))
        }
        return parameters
    }

    /// Whether any parameter's decoded name is one of `names`, without building the parameters.
    ///
    /// For choosing a verifier (``SigV4Request/authenticationScheme``): names without `%` are compared as
    /// they are, and only the others are decoded.
    static func containsName(in query: String, anyOf names: [String]) -> Bool {
        var found = false
        Self.forEachPair(query) { rawName, _ in
            guard !found else { return }
            if rawName.utf8.contains(UInt8(ascii: "%")) {
                let decoded = PercentEncoding.decodeToString(rawName)
                found = names.contains { $0 == decoded }
            } else {
                found = names.contains { $0.utf8.elementsEqual(rawName.utf8) }
            }
        }
        return found
    }

    /// Calls `body` with each non-empty `name[=value]` pair of a raw query, still encoded; the value is nil for
    /// a pair without `=`.
    private static func forEachPair(_ query: String, _ body: (_ name: Substring, _ value: Substring?) -> Void) {
        let utf8 = query.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
            if start < end {
                if let equals = utf8[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                    body(query[start..<equals], query[utf8.index(after: equals)..<end])
                } else {
                    body(query[start..<end], nil)
                }
            }
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
    }
}

extension [QueryParameter] {
    /// The decoded value of the only parameter with this exact name; nil when absent.
    /// - Throws: ``SigV4Error/Code/malformed`` when the parameter is repeated.
    func single(_ name: String) throws(SigV4Error) -> String? {
        var found: String?
        for parameter in self where parameter.name == name {
            guard found == nil else { throw .malformed("Query parameter \(name) must appear only once") }
            found = parameter.value
        }
        return found
    }
}
