/// A compiled ARN pattern, as used by `Resource`/`NotResource` and the `Arn*` condition operators.
///
/// AWS checks each of the six colon-delimited components of an ARN (`arn:partition:service:region:account:
/// resource`) separately, so a wildcard never spans a colon in the first five; the resource component keeps
/// any further colons. A pattern starting with `arn:` but with fewer than six components (`arn:aws:kms:*`)
/// therefore matches nothing; a pattern not starting with `arn:` (`*`) is one glob over the whole value.
/// Matching is case-sensitive.
struct ArnPattern: Sendable, Hashable {
    private enum Form: Sendable, Hashable {
        case whole(Glob)
        case components([Glob])
    }

    /// The pattern as written in the policy.
    let pattern: String
    private let form: Form

    init(_ pattern: String) {
        self.pattern = pattern
        let parts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let hasWildcard = pattern.contains { $0 == "*" || $0 == "?" }
        if pattern.hasPrefix("arn:"), hasWildcard {
            // Fewer than six components: `matches` never sees six globs, so nothing matches.
            self.form = .components(parts.count == 6 ? parts.map { Glob(String($0)) } : [])
        } else {
            // Without wildcards the whole comparison gives the same answer, cheaper.
            self.form = .whole(Glob(pattern))
        }
    }

    /// Whether the ARN `value` matches.
    func matches(_ value: String) -> Bool {
        switch self.form {
        case .whole(let glob):
            return glob.matches(value)
        case .components(let globs):
            guard globs.count == 6 else { return false }
            if let answer = value.utf8.withContiguousStorageIfAvailable({ Self.matches($0, globs) }) { return answer }
            return Array(value.utf8).withUnsafeBufferPointer { Self.matches($0, globs) }
        }
    }

    /// Matches the first five colon-delimited components and the rest, each against its glob, without
    /// splitting the value into strings.
    private static func matches(_ value: UnsafeBufferPointer<UInt8>, _ globs: [Glob]) -> Bool {
        var start = 0
        var component = 0
        for index in value.indices where value[index] == UInt8(ascii: ":") {
            guard globs[component].matches(bytes: UnsafeBufferPointer(rebasing: value[start..<index])) else {
                return false
            }
            component += 1
            start = index + 1
            if component == 5 { break }
        }
        guard component == 5 else { return false }
        return globs[5].matches(bytes: UnsafeBufferPointer(rebasing: value[start...]))
    }
}
