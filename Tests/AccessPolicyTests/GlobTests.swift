import Foundation
import Testing

@testable import AccessPolicy

/// One case of `Fixtures/glob-corpus.json`, answered by Python's `fnmatch.fnmatchcase`.
struct GlobCase: Decodable, Sendable, CustomTestStringConvertible {
    let pattern: String
    let subject: String
    let match: Bool

    var testDescription: String { "\"\(self.pattern)\" ~ \"\(self.subject)\"" }
}

private struct GlobCorpus: Decodable {
    let cases: [GlobCase]
}

private let corpus: [GlobCase] = {
    let url = Bundle.module.url(forResource: "glob-corpus", withExtension: "json", subdirectory: "Fixtures")!
    return try! JSONDecoder().decode(GlobCorpus.self, from: Data(contentsOf: url)).cases
}()

/// An independent matcher: the textbook recursive definition, exponential but obviously right.
private func referenceMatch(_ pattern: Substring.UnicodeScalarView, _ subject: Substring.UnicodeScalarView) -> Bool {
    guard let head = pattern.first else { return subject.isEmpty }
    let rest = pattern.dropFirst()
    switch head {
    case "*":
        var tail = subject
        while true {
            if referenceMatch(rest, tail) { return true }
            guard !tail.isEmpty else { return false }
            tail = tail.dropFirst()
        }
    case "?":
        return !subject.isEmpty && referenceMatch(rest, subject.dropFirst())
    default:
        return subject.first == head && referenceMatch(rest, subject.dropFirst())
    }
}

/// A seeded generator, so that a failing random case can be reproduced.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Glob and ARN matching")
struct GlobTests {
    @Test func corpusIsLoaded() {
        #expect(corpus.count >= 1000)
        #expect(corpus.contains { $0.match } && corpus.contains { !$0.match })
    }

    @Test func matchesFnmatchOnTheCorpus() {
        var failures: [String] = []
        for testCase in corpus where Glob(testCase.pattern).matches(testCase.subject) != testCase.match {
            failures.append(testCase.testDescription)
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(5))")
    }

    @Test func matchesTheRecursiveReferenceOnRandomInputs() {
        var generator = SplitMix64(seed: 0x5EED_C0FF)
        let alphabet: [Character] = ["a", "b", "/", ":", "é"]
        let patternAlphabet = alphabet + ["*", "?"]
        for _ in 0..<3000 {
            let pattern = String(
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                    patternAlphabet.randomElement(using: &generator)!
                })
            let subject = String(
                (0..<Int.random(in: 0...7, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                })
            let expected = referenceMatch(Substring(pattern).unicodeScalars, Substring(subject).unicodeScalars)
            #expect(Glob(pattern).matches(subject) == expected, "\(pattern) ~ \(subject)")
        }
    }

    @Test func matchesSubstrings() {
        let arn = "arn:aws:kms:us-east-1:111122223333:key/abc"
        let resource = arn[arn.index(arn.startIndex, offsetBy: 35)...]
        #expect(Glob("key/*").matches(resource))
        #expect(!Glob("alias/*").matches(resource))
    }

    @Test func compilesCommonShapesToFastForms() {
        #expect(Glob("*").form == .anything)
        #expect(Glob("kms:decrypt").form == .exact(Array("kms:decrypt".utf8)))
        #expect(Glob("kms:*").form == .prefix(Array("kms:".utf8)))
        #expect(Glob("kms:*crypt").form == .general(Array("kms:*crypt".utf8)))
        #expect(!Glob("kms:decrypt").hasWildcard && Glob("kms:?").hasWildcard)
    }

    @Test func comparesScalarsNotCanonicalEquivalence() {
        // "é" precomposed and decomposed are equal as Swift Strings but not as IAM values.
        #expect(!Glob("caf\u{E9}").matches("cafe\u{301}"))
        #expect(!Glob("caf\u{E9}*").matches("cafe\u{301}"))
        #expect(Glob("cafe?").matches("cafe\u{301}"))
    }

    @Test(arguments: [
        ("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:key/abc", true),
        ("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:444455556666:key/abc", false),
        ("arn:aws:kms:*:111122223333:*", "arn:aws:kms:eu-west-1:111122223333:alias/x", true),
        // A wildcard does not span the colons of the first five components...
        ("arn:aws:kms:us-*:key/*", "arn:aws:kms:us-east-1:111122223333:key/abc", false),
        ("arn:aws:*:111122223333:key/abc", "arn:aws:kms:us-east-1:111122223333:key/abc", false),
        // ...but the resource component keeps its own colons.
        ("arn:aws:logs:*:*:log-group:app:*", "arn:aws:logs:us-east-1:111122223333:log-group:app:stream", true),
        // Not an ARN pattern: one glob over the whole value. An ARN pattern needs all six components.
        ("*", "arn:aws:kms:us-east-1:111122223333:key/abc", true),
        ("arn:aws:kms:*", "arn:aws:kms:us-east-1:111122223333:key/abc", false),
        // Case-sensitive.
        ("arn:aws:kms:*:111122223333:KEY/*", "arn:aws:kms:us-east-1:111122223333:key/abc", false),
        ("arn:aws:kms:us-east-1:111122223333:key/abc", "arn:aws:kms:us-east-1:111122223333:key/abc", true),
        ("arn:aws:kms:*:111122223333:key/abc", "not-an-arn", false),
    ])
    func arnPattern(_ pattern: String, _ value: String, _ expected: Bool) {
        #expect(ArnPattern(pattern).matches(value) == expected)
    }
}
