import PropertyBased

/// Mutates valid inputs the way a coverage-less fuzzer does: bit flips, truncations, insertions of random bytes
/// and of tokens that hurt parsers (huge numbers, deep nesting, invalid UTF-8, control characters, XML and JSON
/// syntax), deletions and duplications of slices. One to four steps per input.
enum Mutator {
    /// The largest input a mutation produces, so every case stays cheap.
    static let maxLength = 64 * 1024

    /// Tokens inserted or written over: each has broken some parser somewhere.
    static let tokens: [[UInt8]] =
        [
            "0", "-1", "-0", "1e400", "99999999999999999999", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "0x7fffffff", "NaN", "Infinity", "ffffffffffffffff",
            "\u{0}", "\r\n", "\n", "\r", "\t", " ", "%", "%00", "%zz", "%FF", "%C0%80", "%ED%A0%80", "+", "&", "=", "?",
            "/", "..", "//", ";", ",", ":", "\"", "'", "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", "<", ">", "</",
            "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "&#0;", "<![CDATA[", "]]>", "<!--", "-->", "<?xml", "null",
            "true", "bytes=", "chunk-signature=", "AWS4-HMAC-SHA256", "Credential=", "SignedHeaders=", "Signature=",
            "\u{FFFD}", "\u{FEFF}", "\u{10FFFF}",
        ].map { Array($0.utf8) } + [
            [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE, 0xFF], [0xC0, 0x80],
            [0xE0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        ]

    /// A mutated copy of `seed`.
    static func mutate(_ seed: [UInt8], using rng: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            step(&bytes, using: &rng)
        }
        return Array(bytes.prefix(maxLength))
    }

    private static func step(_ bytes: inout [UInt8], using rng: inout some RandomNumberGenerator) {
        let position = Int.random(in: 0...bytes.count, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0 where !bytes.isEmpty:
            let index = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case 2:
            bytes.removeSubrange(position...)
        case 3:
            bytes.insert(contentsOf: tokens.randomElement(using: &rng)!, at: position)
        case 4:
            let count = Int.random(in: 1...16, using: &rng)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: position)
        case 5:
            let end = min(bytes.count, position + Int.random(in: 1...32, using: &rng))
            bytes.removeSubrange(position..<end)
        case 6:
            let end = min(bytes.count, position + Int.random(in: 1...64, using: &rng))
            let slice = bytes[position..<end]
            for _ in 0..<Int.random(in: 1...64, using: &rng) { bytes.insert(contentsOf: slice, at: position) }
        case 7:
            bytes.insert(contentsOf: nesting(using: &rng), at: position)
        case 8:
            let token = tokens.randomElement(using: &rng)!
            let end = min(bytes.count, position + token.count)
            bytes.replaceSubrange(position..<end, with: token)
        default:
            bytes.insert(contentsOf: String(UInt64.random(in: 0...UInt64.max, using: &rng)).utf8, at: position)
        }
    }

    /// Deep nesting of one of JSON's or XML's openers (hundreds to thousands of levels).
    private static func nesting(using rng: inout some RandomNumberGenerator) -> [UInt8] {
        let opener = [Array("[".utf8), Array("{\"a\":".utf8), Array("<a>".utf8)].randomElement(using: &rng)!
        let depth = Int.random(in: 100...5000, using: &rng)
        return Array(repeating: opener, count: depth).flatMap { $0 }
    }
}

extension Mutator {
    /// A mutation of one of `seeds`; one draw in eight is random bytes instead.
    static func draw(from seeds: [[UInt8]], using rng: inout some RandomNumberGenerator) -> [UInt8] {
        if Int.random(in: 0..<8, using: &rng) == 0 {
            return (0..<Int.random(in: 0...256, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        return mutate(seeds.randomElement(using: &rng)!, using: &rng)
    }
}

extension Gen where Value == [UInt8] {
    /// Mutations of the UTF-8 of `seeds` (see ``Mutator/draw(from:using:)``).
    static func mutations(of seeds: [String]) -> Generator<[UInt8], Shrink.None<[UInt8]>> {
        let seedBytes = seeds.map { Array($0.utf8) }
        return Generator { rng in Mutator.draw(from: seedBytes, using: &rng) }
    }
}

extension Gen where Value == String {
    /// Mutations of `seeds` as strings (invalid UTF-8 repaired with U+FFFD, as an HTTP layer hands strings on).
    static func mutatedStrings(of seeds: [String]) -> Generator<String, Shrink.None<String>> {
        let seedBytes = seeds.map { Array($0.utf8) }
        return Generator { rng in String(decoding: Mutator.draw(from: seedBytes, using: &rng), as: UTF8.self) }
    }
}
