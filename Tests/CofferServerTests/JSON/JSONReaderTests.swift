import Foundation
import Testing

@testable import KMSAPI

/// `JSONReader` against the oracle `JSONSerialization`: the same documents accepted, with the same values, and
/// malformed ones refused (a `SerializationException` on the wire) without crashing.
@Suite("JSON reader")
struct JSONReaderTests {
    static let valid = [
        #"{}"#, #"[]"#, #"  { }  "#, "\n\t{\r\n}\n", #"{"a":1}"#, #"{"KeyId": "alias/x", "NumberOfBytes": 32}"#,
        #"{"a": [1, 2, [3, {"b": null}]], "c": {"d": {"e": []}}}"#, #"{"t": true, "f": false, "n": null}"#,
        #"{"n": [0, -0, 1.5, -1.25E-3, 1e10, 2E+3, 123456789, -9223372036854775808, 0.000001]}"#,
        #"{"s": "quote \" backslash \\ slash \/ controls \b\f\n\r\t"}"#, #"{"s": "\u00e9\u4e2d\ud83d\ude00\u0000"}"#,
        #"{"s": "raw é 中 😀"}"#, #"{"é": "key with accents", "": "empty key"}"#, #"{"a": 1, "a": 2}"#,
        #"{"EncryptionContext": {"aws:s3:arn": "arn:aws:s3:::bench/object"}, "KeySpec": "AES_256"}"#,
        #"["nested", ["deeper", ["deepest", {"x": [true]}]]]"#, #""just a string""#, "42", "null", "true",
        #"{"s": "\u0041\u00DF\u6771\uD834\uDD1E"}"#,
    ]

    static let malformed = [
        "", " ", "{", "}", "[", "]", #"{"a"}"#, #"{"a":}"#, #"{a:1}"#, #"{'a':1}"#, "[1 2]", "[1,,2]", "[,1]",
        #"{"a":1,,"b":2}"#, #"{"a" 1}"#, "tru", "nul", "fals", "True", "NULL", #""abc"#, #""\x""#, #""\u12""#,
        #""\u12G4""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, "\"tab\there\"", "\"newline\nhere\"",
        "01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "{}x", "[]]", "{}{}",
        #"{"a":1}}"#, "[1]  x", "/* comment */ {}", "{\"a\":1} // comment",
    ]

    /// Documents Foundation accepts and this reader refuses on purpose (see `JSONReader`).
    static let lenientInFoundation = [
        #"{"a": 1,}"#, "[1,]", "\u{FEFF}{}", String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
    ]

    @Test("valid documents parse to what JSONSerialization reads", arguments: valid)
    func agreesOnValid(document: String) throws {
        let ours = try parse(Array(document.utf8))
        let oracle = try JSONSerialization.jsonObject(with: Data(document.utf8), options: .fragmentsAllowed)
        #expect(Normalized(ours) == Normalized(foundation: oracle))
    }

    @Test("malformed documents are refused, as JSONSerialization refuses them", arguments: malformed)
    func refusesMalformed(document: String) {
        #expect(throws: JSONReader.SyntaxError.self) { try parse(Array(document.utf8)) }
        #expect(throws: (any Error).self) {
            try JSONSerialization.jsonObject(with: Data(document.utf8), options: .fragmentsAllowed)
        }
    }

    @Test(
        "stricter than Foundation: trailing commas, a byte order mark, nesting past 64", arguments: lenientInFoundation)
    func strict(document: String) {
        #expect(throws: JSONReader.SyntaxError.self) { try parse(Array(document.utf8)) }
    }

    @Test("invalid UTF-8 inside strings is refused")
    func invalidUTF8() {
        for bytes: [UInt8] in [
            [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        ] {
            #expect(throws: JSONReader.SyntaxError.self) { try parse(bytes) }
        }
    }

    @Test("64 levels of nesting parse; a megabyte of brackets is refused without exhausting the stack")
    func depth() throws {
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try parse(Array(deep.utf8))
        #expect(throws: JSONReader.SyntaxError.self) { try parse(Array(repeating: UInt8(ascii: "["), count: 1 << 20)) }
    }

    @Test("mutated documents never crash; whatever JSONSerialization refuses is refused")
    func mutations() {
        var generator = SplitMix64(seed: 0x00C0_FFEE)
        let alphabet = Array(#"{}[]":,\ u0123456789aefElnrstx.-+"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xA9, 0xFF]
        for _ in 0..<3000 {
            var bytes = Array(Self.valid[Int(generator.next() % UInt64(Self.valid.count))].utf8)
            for _ in 0...(generator.next() % 3) where !bytes.isEmpty {
                let index = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: index)
                }
            }
            let ours = try? parse(bytes)
            let oracle = try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
            if oracle == nil { #expect(ours == nil, "\(String(decoding: bytes, as: UTF8.self).debugDescription)") }
            if let ours, let oracle { #expect(Normalized(ours) == Normalized(foundation: oracle)) }
        }
    }

    private func parse(_ bytes: [UInt8]) throws(JSONReader.SyntaxError) -> JSONValue {
        // `withUnsafeBufferPointer`: Foundation's untyped `ContiguousBytes.withUnsafeBytes` can win the overload.
        try bytes.withUnsafeBufferPointer { buffer throws(JSONReader.SyntaxError) in
            try JSONReader.parse(UnsafeRawBufferPointer(buffer))
        }
    }
}

/// A JSON value in a form both parsers map to: numbers as `Double` (equal within rounding: Foundation's
/// conversion is not always correctly rounded), objects keeping a repeated key's last value (as
/// `JSONSerialization` does).
indirect enum Normalized: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([Normalized])
    case object([String: Normalized])

    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let literal): self = .number(Double(literal)!)
        case .string(let string): self = .string(string)
        case .array(let elements): self = .array(elements.map(Normalized.init))
        case .object(let members):
            self = .object(Dictionary(members.map { ($0.key, Normalized($0.value)) }, uniquingKeysWith: { $1 }))
        }
    }

    static func == (lhs: Normalized, rhs: Normalized) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.number(let left), .number(let right)): left == right || abs(left - right) <= 1e-12 * abs(left)
        case (.string(let left), .string(let right)): left == right
        case (.array(let left), .array(let right)): left == right
        case (.object(let left), .object(let right)): left == right
        default: false
        }
    }

    init(foundation value: Any) {
        switch value {
        case is NSNull: self = .null
        case let number as NSNumber where String(cString: number.objCType) == "c": self = .bool(number.boolValue)
        case let number as NSNumber: self = .number(number.doubleValue)
        case let string as String: self = .string(string)
        case let array as [Any]: self = .array(array.map { Normalized(foundation: $0) })
        case let object as [String: Any]: self = .object(object.mapValues { Normalized(foundation: $0) })
        default: preconditionFailure("unexpected \(type(of: value))")
        }
    }
}

/// A small seeded generator, so the mutation test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
