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
    static func parse(_ query: String) -> [QueryParameter] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let rawName: Substring
            let rawValue: Substring
            let hasValue = pair.contains("=")
            if let equals = pair.firstIndex(of: "=") {
                rawName = pair[..<equals]
                rawValue = pair[pair.index(after: equals)...]
            } else {
                rawName = pair
                rawValue = ""
            }
            return QueryParameter(
                name: URIEncoding.decodeToString(rawName),
                value: URIEncoding.decodeToString(rawValue),
                rawName: rawName,
                rawValue: rawValue,
                hasValue: hasValue
            )
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
