import TextCodings

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
    ///
    /// Splits the UTF-8 bytes on `&` and `=` (ASCII, so never inside a multi-byte character): splitting by
    /// `Character` cost about 150,000 instructions for a presigned URL (docs/performance.md, "Hot-path work").
    init(raw: Substring?) {
        guard let raw, !raw.isEmpty else {
            self.parameters = []
            return
        }
        var parameters: [Parameter] = []
        let utf8 = raw.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
            if start < end {
                if let equals = utf8[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                    parameters.append(
                        Parameter(
                            name: PercentEncoding.decodeToString(raw[start..<equals]),
                            value: PercentEncoding.decodeToString(raw[utf8.index(after: equals)..<end])))
                } else {
                    parameters.append(Parameter(name: PercentEncoding.decodeToString(raw[start..<end]), value: nil))
                }
            }
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
        self.parameters = parameters
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
