/// The fields of a browser POST upload that come before its `file` part, and the file part's own headers.
///
/// Field names are case-insensitive, as on AWS: they are kept lower-cased. A name may appear once.
struct PostForm: Sendable, Equatable {
    /// The fields in order, names lower-cased.
    private(set) var fields: [(name: String, value: String)] = []
    /// The `filename` parameter of the file part, when the client sent one.
    var fileName: String?
    /// The file part's `Content-Type`, when sent.
    var fileContentType: String?

    /// The value of the field `name` (any case), or nil.
    subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name == lowered }?.value
    }

    /// The lower-cased names of every field.
    var names: [String] { fields.map(\.name) }

    /// Adds a field.
    /// - Throws: `InvalidArgument` when a field of that name (in any case) is already there.
    mutating func add(name: String, value: String) throws(S3Error) {
        let lowered = name.lowercased()
        guard self[lowered] == nil else {
            throw S3Error.invalidArgument("POST requires exactly one value per field", name: name)
        }
        fields.append((lowered, value))
    }

    static func == (lhs: PostForm, rhs: PostForm) -> Bool {
        lhs.names == rhs.names && lhs.fields.map(\.value) == rhs.fields.map(\.value) && lhs.fileName == rhs.fileName
            && lhs.fileContentType == rhs.fileContentType
    }
}

/// The `Content-Disposition: form-data; name="…"; filename="…"` of one part.
struct FormDisposition: Equatable {
    var name: String
    var fileName: String?

    /// Creates a disposition.
    init(name: String, fileName: String?) {
        self.name = name
        self.fileName = fileName
    }

    /// Parses the header's value; nil unless it is `form-data` with a `name`.
    ///
    /// Parameters are `token=token` or `token="quoted"` (a backslash escapes the next character), as browsers,
    /// curl and `requests` send them.
    init?(_ value: String) {
        var parameters: [String: String] = [:]
        var scalars = Substring(value)
        guard let type = Self.token(&scalars), type.lowercased() == "form-data" else { return nil }
        while let semicolon = scalars.firstIndex(of: ";") {
            scalars = scalars[scalars.index(after: semicolon)...]
            guard let name = Self.token(&scalars), scalars.first == "=" else { return nil }
            scalars = scalars.dropFirst()
            guard let parameter = Self.value(&scalars) else { return nil }
            parameters[name.lowercased()] = parameter
        }
        guard scalars.trimmingWhitespace().isEmpty, let name = parameters["name"] else { return nil }
        self.name = name
        self.fileName = parameters["filename"]
    }

    private static func token(_ text: inout Substring) -> String? {
        text = text.drop { $0 == " " || $0 == "\t" }
        let token = text.prefix { !" \t;=\"".contains($0) }
        guard !token.isEmpty else { return nil }
        text = text[token.endIndex...].drop { $0 == " " || $0 == "\t" }
        return String(token)
    }

    private static func value(_ text: inout Substring) -> String? {
        text = text.drop { $0 == " " || $0 == "\t" }
        guard text.first == "\"" else { return token(&text) ?? "" }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                text = text[text.index(after: index)...].drop { $0 == " " || $0 == "\t" }
                return result
            }
            if character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { return nil }
            }
            result.append(text[index])
            index = text.index(after: index)
        }
        return nil
    }
}
