import Foundation

/// The policy document of a browser POST upload: base64 JSON with an `expiration` and `conditions`.
///
/// See https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html. Condition field names
/// are case-insensitive (kept lower-cased, without the `$`); values are compared exactly.
struct PostPolicy: Sendable, Equatable {
    /// One condition on the form.
    enum Condition: Sendable, Equatable {
        /// `{"field": "value"}` or `["eq", "$field", "value"]`.
        case equals(field: String, value: String)
        /// `["starts-with", "$field", "prefix"]`; an empty prefix allows any value.
        case startsWith(field: String, prefix: String)
        /// `["content-length-range", min, max]`: the file's size in bytes, both ends included.
        case contentLengthRange(min: Int64, max: Int64)

        /// The condition as AWS quotes it in `Policy Condition failed: [...]`.
        var quoted: String {
            switch self {
            case .equals(let field, let value): #"["eq", "$\#(field)", "\#(value)"]"#
            case .startsWith(let field, let prefix): #"["starts-with", "$\#(field)", "\#(prefix)"]"#
            case .contentLengthRange(let min, let max): #"["content-length-range", \#(min), \#(max)]"#
            }
        }

        /// The form field it constrains; nil for the length range.
        var field: String? {
            switch self {
            case .equals(let field, _), .startsWith(let field, _): field
            case .contentLengthRange: nil
            }
        }
    }

    /// When the policy stops being accepted.
    let expiration: Date
    let conditions: [Condition]

    /// Decodes the `policy` field.
    /// - Throws: `InvalidPolicyDocument` for anything but base64 JSON of the documented shape.
    init(base64 policy: String) throws(S3Error) {
        guard let json = Data(base64Encoded: policy, options: .ignoreUnknownCharacters),
            let object = try? JSONSerialization.jsonObject(with: json), let document = object as? [String: Any]
        else { throw S3Error.invalidPolicyDocument("Invalid JSON.") }
        guard let expiration = document["expiration"] as? String else {
            throw S3Error.invalidPolicyDocument("Policy missing expiration.")
        }
        guard let date = Self.parseExpiration(expiration) else {
            throw S3Error.invalidPolicyDocument("Invalid 'expiration' value: '\(expiration)'")
        }
        guard let conditions = document["conditions"] as? [Any] else {
            throw S3Error.invalidPolicyDocument("Policy missing conditions.")
        }
        self.expiration = date
        self.conditions = try conditions.map(Self.condition)
    }

    /// The content-length range, if the policy sets one (the last one wins).
    var contentLengthRange: ClosedRange<Int64>? {
        for case .contentLengthRange(let min, let max) in conditions.reversed() { return min...max }
        return nil
    }

    private static func condition(_ value: Any) throws(S3Error) -> Condition {
        if let object = value as? [String: Any], object.count == 1, let entry = object.first {
            guard let expected = entry.value as? String else {
                throw S3Error.invalidPolicyDocument("Invalid simple condition value.")
            }
            return .equals(field: entry.key.lowercased(), value: expected)
        }
        guard let array = value as? [Any], array.count == 3, let operation = array[0] as? String else {
            throw S3Error.invalidPolicyDocument("Invalid Policy: Invalid 'conditions' value.")
        }
        switch operation.lowercased() {
        case "content-length-range":
            guard let min = integer(array[1]), let max = integer(array[2]), min >= 0, min <= max else {
                throw S3Error.invalidPolicyDocument("Invalid content-length-range condition.")
            }
            return .contentLengthRange(min: min, max: max)
        case "eq", "starts-with":
            guard let field = array[1] as? String, field.hasPrefix("$"), let expected = array[2] as? String else {
                throw S3Error.invalidPolicyDocument("Invalid \(operation) condition.")
            }
            let name = String(field.dropFirst()).lowercased()
            return operation.lowercased() == "eq"
                ? .equals(field: name, value: expected) : .startsWith(field: name, prefix: expected)
        default:
            throw S3Error.invalidPolicyDocument("Invalid condition: unknown operation '\(operation)'.")
        }
    }

    private static func integer(_ value: Any) -> Int64? {
        if let number = value as? Int { return Int64(number) }
        if let text = value as? String { return Int64(text) }
        return nil
    }

    /// ISO 8601 in UTC, with or without fractional seconds: `2026-12-08T12:00:00Z`, `…T12:00:00.000Z`.
    static func parseExpiration(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
