/// Checks request members against the constraints of AWS's KMS model and words violations as AWS does:
/// `1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have
/// value less than or equal to 1024`. Member names are lowerCamelCase; blobs never show their value.
///
/// Hand-written because the shapes are few and fixed; patterns are checked with character tests, not regexes.
struct ShapeValidator {
    private var violations: [String] = []

    /// Throws the collected violations, if any, as one `ValidationException`.
    func check() throws(KMSWireError) {
        guard !violations.isEmpty else { return }
        let count = violations.count
        let noun = count == 1 ? "validation error" : "validation errors"
        throw .validation("\(count) \(noun) detected: " + violations.joined(separator: "; "))
    }

    /// A required member is present.
    mutating func required(_ value: (some Any)?, _ member: String) {
        if value == nil {
            violations.append("Value null at '\(member)' failed to satisfy constraint: Member must not be null")
        }
    }

    /// A string's length (in characters) is within `bounds`, and it holds no NUL character.
    ///
    /// The NUL rule is Coffer's, not the model's: SQLite (through GRDB) stores text up to its first NUL, so a stored
    /// description or tag holding one would come back cut. Refused here, for every string member, rather than kept
    /// wrong. The value is not echoed.
    mutating func length(_ value: String?, _ member: String, _ bounds: ClosedRange<Int>, required: Bool = false) {
        guard let value else {
            if required { self.required(value, member) }
            return
        }
        if value.utf8.contains(0) {
            failWithoutValue(member, "Member must not contain the NUL character (U+0000)")
        }
        let count = value.count
        if count < bounds.lowerBound {
            fail(value, member, "Member must have length greater than or equal to \(bounds.lowerBound)")
        } else if count > bounds.upperBound {
            fail(value, member, "Member must have length less than or equal to \(bounds.upperBound)")
        }
    }

    /// A blob's decoded size is within `bounds`; the value is never echoed.
    mutating func length(_ value: Blob?, _ member: String, _ bounds: ClosedRange<Int>, required: Bool = false) {
        guard let value else {
            if required { self.required(value, member) }
            return
        }
        if value.bytes.count < bounds.lowerBound {
            failWithoutValue(member, "Member must have length greater than or equal to \(bounds.lowerBound)")
        } else if value.bytes.count > bounds.upperBound {
            failWithoutValue(member, "Member must have length less than or equal to \(bounds.upperBound)")
        }
    }

    /// A list's element count is within `bounds`.
    mutating func count(_ value: [some Any]?, _ member: String, _ bounds: ClosedRange<Int>, required: Bool = false) {
        guard let value else {
            if required { self.required(value, member) }
            return
        }
        if value.count < bounds.lowerBound {
            failWithoutValue(member, "Member must have length greater than or equal to \(bounds.lowerBound)")
        } else if value.count > bounds.upperBound {
            failWithoutValue(member, "Member must have length less than or equal to \(bounds.upperBound)")
        }
    }

    /// An integer is within `bounds`.
    mutating func value(_ value: Int?, _ member: String, _ bounds: ClosedRange<Int>) {
        guard let value else { return }
        if value < bounds.lowerBound {
            fail(String(value), member, "Member must have value greater than or equal to \(bounds.lowerBound)")
        } else if value > bounds.upperBound {
            fail(String(value), member, "Member must have value less than or equal to \(bounds.upperBound)")
        }
    }

    /// A string is one of an enum's values (listed in the model's order).
    mutating func oneOf(_ value: String?, _ member: String, _ allowed: [String]) {
        guard let value, !allowed.contains(value) else { return }
        fail(value, member, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
    }

    /// Every character of a string passes `isAllowed`; `pattern` is the model's regex, quoted in the message.
    mutating func pattern(
        _ value: String?, _ member: String, _ pattern: String, _ isAllowed: (Unicode.Scalar) -> Bool
    ) {
        guard let value, !value.unicodeScalars.allSatisfy(isAllowed) else { return }
        fail(value, member, "Member must satisfy regular expression pattern: \(pattern)")
    }

    private mutating func fail(_ value: String, _ member: String, _ constraint: String) {
        violations.append("Value '\(value)' at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    private mutating func failWithoutValue(_ member: String, _ constraint: String) {
        violations.append("Value at '\(member)' failed to satisfy constraint: \(constraint)")
    }
}
