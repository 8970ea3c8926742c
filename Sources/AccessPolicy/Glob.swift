/// A compiled IAM wildcard pattern: `*` matches any run of characters (including none), `?` exactly one.
///
/// IAM has no character classes and no escapes, so `[`, `]` and `\` are ordinary characters. Characters are
/// Unicode scalars (code points), compared exactly, as Python's `fnmatch.fnmatchcase` does; case folding is
/// the caller's job (actions are lowercased on both sides before they get here).
///
/// Hand-written (STYLE §15): neither the standard library nor Foundation on Linux offers a glob matcher with
/// these semantics (`fnmatch(3)` treats `[` specially, `NSPredicate` LIKE is unavailable in corelibs), and
/// evaluation must not allocate. The general case is the classic linear-time greedy matcher with a single
/// backtrack point for the last `*`. `GlobTests` checks it against `fnmatch.fnmatchcase` on a generated corpus
/// (`Fixtures/glob-corpus.json`) and against an independent recursive matcher on random inputs.
struct Glob: Sendable, Hashable {
    /// The shapes that cover nearly every real pattern, each with a cheaper test than the general matcher.
    enum Form: Sendable, Hashable {
        /// `*`: every string.
        case anything
        /// No wildcard: the UTF-8 bytes of the string itself.
        case exact([UInt8])
        /// One trailing `*` and no other wildcard, e.g. `kms:*` or `kms:GenerateDataKey*`: the bytes before it.
        case prefix([UInt8])
        /// Anything else, as UTF-8 bytes.
        case general([UInt8])
    }

    /// The pattern as written in the policy.
    let pattern: String
    let form: Form

    init(_ pattern: String) {
        self.pattern = pattern
        let bytes = Array(pattern.utf8)
        let wildcards = bytes.lazy.filter { $0 == Self.star || $0 == Self.question }.count
        if pattern == "*" {
            self.form = .anything
        } else if wildcards == 0 {
            self.form = .exact(bytes)
        } else if wildcards == 1, bytes.last == Self.star {
            self.form = .prefix(Array(bytes.dropLast()))
        } else {
            self.form = .general(bytes)
        }
    }

    /// Whether `pattern` has a `*` or `?`.
    var hasWildcard: Bool {
        if case .exact = self.form { return false }
        return true
    }

    /// Whether `subject` matches the whole pattern.
    func matches<Subject: StringProtocol>(_ subject: Subject) -> Bool {
        if case .anything = self.form { return true }
        if let answer = subject.utf8.withContiguousStorageIfAvailable({ self.matches(bytes: $0) }) { return answer }
        return Array(subject.utf8).withUnsafeBufferPointer { self.matches(bytes: $0) }
    }

    /// Whether the UTF-8 `subject` matches the whole pattern.
    func matches(bytes subject: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self.form {
        case .anything:
            return true
        case .exact(let literal):
            return literal.withUnsafeBufferPointer { UTF8Bytes.equal($0, subject) }
        case .prefix(let prefix):
            return subject.count >= prefix.count
                && prefix.withUnsafeBufferPointer {
                    UTF8Bytes.equal($0, UnsafeBufferPointer(rebasing: subject[..<$0.count]))
                }
        case .general(let pattern):
            return pattern.withUnsafeBufferPointer { Self.matchGeneral($0, subject) }
        }
    }

    private static let star = UInt8(ascii: "*")
    private static let question = UInt8(ascii: "?")

    /// The index after the scalar that starts at `index` of valid UTF-8.
    private static func nextScalar(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Int {
        var next = index + 1
        while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// Greedy matching with one backtrack point: when a later literal fails, the last `*` absorbs one more
    /// scalar and matching resumes after it. Earlier stars never need revisiting, which keeps it linear in
    /// practice and O(pattern × subject) in the worst case, with no allocation. Works on UTF-8 bytes: literal
    /// scalars compare byte for byte (UTF-8 is self-synchronizing), while `?` and the star's advance step over
    /// whole scalars.
    private static func matchGeneral(_ pattern: UnsafeBufferPointer<UInt8>, _ subject: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        var p = 0
        var s = 0
        var starP = -1
        var starS = 0
        while s < subject.count {
            if p < pattern.count, pattern[p] == star {
                starP = p
                starS = s
                p += 1
            } else if p < pattern.count, pattern[p] == question {
                p += 1
                s = nextScalar(subject, after: s)
            } else if p < pattern.count, pattern[p] == subject[s] {
                p += 1
                s += 1
            } else if starP >= 0 {
                p = starP + 1
                starS = nextScalar(subject, after: starS)
                s = starS
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == star { p += 1 }
        return p == pattern.count
    }
}
