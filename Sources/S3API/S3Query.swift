/// The query parameters of an S3 request, percent-decoded once, in the order received.
///
/// Sub-resources without a value (`?uploads`, `?delete`) have a nil value. A request without a query costs nothing.
struct S3Query: Sendable {
    /// One `name[=value]` pair.
    struct Parameter: Sendable, Equatable {
        let name: String
        let value: String?
    }

    let parameters: [Parameter]

    /// No parameters.
    static let empty = S3Query(parameters: [])

    /// Parses a raw query string (without the `?`).
    init(raw: Substring?) {
        guard let raw, !raw.isEmpty else {
            self.parameters = []
            return
        }
        self.parameters = raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            guard let equals = pair.firstIndex(of: "=") else {
                return Parameter(name: PercentEncoding.decode(pair), value: nil)
            }
            return Parameter(
                name: PercentEncoding.decode(pair[..<equals]),
                value: PercentEncoding.decode(pair[pair.index(after: equals)...])
            )
        }
    }

    init(parameters: [Parameter]) {
        self.parameters = parameters
    }

    /// Whether a parameter with this name is present, with or without a value.
    func contains(_ name: String) -> Bool {
        parameters.contains { $0.name == name }
    }

    /// The value of the first parameter with this name; "" for a parameter without a value, nil when absent.
    subscript(_ name: String) -> String? {
        guard let parameter = parameters.first(where: { $0.name == name }) else { return nil }
        return parameter.value ?? ""
    }
}
