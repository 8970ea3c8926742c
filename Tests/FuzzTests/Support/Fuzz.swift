import Foundation
import Testing

/// What every fuzz test shares: how many cases a property runs and the time bound of one case.
enum Fuzz {
    /// Cases per property: `COFFER_FUZZ_COUNT`, or 500 (a few seconds per property in a debug build).
    static let count: Int = ProcessInfo.processInfo.environment["COFFER_FUZZ_COUNT"].flatMap(Int.init) ?? 500

    /// The longest one case may take: parsers are linear in inputs of at most 64 KiB, so a case far slower than
    /// this is a hang (quadratic or worse behaviour), not noise.
    static let bound = Duration.seconds(2)

    /// Runs `body` on `input` and records an issue naming the input when it took longer than ``bound``.
    static func bounded<T>(
        _ input: T, sourceLocation: SourceLocation = #_sourceLocation, _ body: (T) throws -> Void
    ) rethrows {
        let start = ContinuousClock.now
        try body(input)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < bound, "took \(elapsed) on input \(describe(input))", sourceLocation: sourceLocation)
    }

    /// A short printable form of an input for failure messages.
    static func describe<T>(_ input: T) -> String {
        let text: String
        if let bytes = input as? [UInt8] {
            text = bytes.prefix(256).map { String(format: "%02x", $0) }.joined()
        } else {
            text = String(reflecting: input)
        }
        return String(text.prefix(512))
    }
}
