import Foundation
import Testing

@testable import ObjectStore

/// `StringDictionaryJSON` against Foundation's coders, which wrote and read these columns before it.
@Suite("String dictionary JSON")
struct StringDictionaryJSONTests {
    /// What GRDB's Codable bridge used for these columns (`databaseJSONEncoder`).
    static let foundationEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// Every ASCII character, non-ASCII scalars of two, three and four UTF-8 bytes, a combining mark,
    /// U+2028 (JavaScript's line separator) and the byte-order mark.
    static let scalars: [Unicode.Scalar] =
        (0..<0x80).map { Unicode.Scalar(UInt8($0)) }
        + ["é", "\u{0301}", "ß", "☃", "\u{2028}", "\u{FEFF}", "\u{FFFF}", "🙂", "\u{10FFFF}"]

    /// One pair per scalar (as the key and in the value), all of them in one dictionary (the key order), keys
    /// that are prefixes of one another or differ in case or by a combining mark, and the empty dictionary.
    static let dictionaries: [[String: String]] = {
        let single = scalars.map { scalar in [String(scalar): "<\(scalar)>\(scalar)\(scalar)"] }
        let all = Dictionary(uniqueKeysWithValues: scalars.map { (String($0), "v\($0)") })
        let ordering = [
            "a": "1", "ab": "2", "a\u{0}": "3", "A": "4", "B": "5", "b": "6", "a10": "7", "a2": "8",
            "e\u{0301}x": "9", "éa": "10", "aws:s3:arn": "arn:aws:s3:::bucket/key/with/slashes",
        ]
        return single + [all, ordering, StoredRowSamples.userMetadata, [:]]
    }()

    @Test func writesTheBytesJSONEncoderWrites() throws {
        for dictionary in Self.dictionaries {
            let expected = String(decoding: try Self.foundationEncoder.encode(dictionary), as: UTF8.self)
            #expect(StringDictionaryColumn.text(dictionary) == expected)
        }
    }

    @Test func readsWhatItWrites() throws {
        for dictionary in Self.dictionaries {
            let bytes = StringDictionaryJSON.encode(dictionary)
            #expect(bytes.withUnsafeBytes(StringDictionaryJSON.decode) == dictionary)
            #expect(try StringDictionaryColumn.dictionary(Data(bytes)) == dictionary)
        }
    }

    /// Valid JSON that `JSONEncoder` never writes but `JSONDecoder` reads: the same dictionary.
    @Test(arguments: [
        #" { "a" : "b" , "c":"d" } "#, "{\n\t\"a\":\r\n\"b\"}", #"{"\u00e9\u00C9":"\u2028\/"}"#,
        #"{"smile":"\ud83d\ude42","nul":"\u0000"}"#, #"{"":""}"#, "{}", " {\n} ",
    ])
    func readsOtherValidObjects(json: String) throws {
        let expected = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(Array(json.utf8).withUnsafeBytes(StringDictionaryJSON.decode) == expected)
    }

    /// Inputs the reader leaves to `JSONDecoder`: the column reads them as `JSONDecoder` does (same value, or
    /// an error).
    @Test(arguments: [
        #"{"a":1}"#, #"{"a":null}"#, #"{"a":{"b":"c"}}"#, #"{"a":"b","a":"c"}"#, #"{"a":"\ud800"}"#,
        #"{"a":"\udc00x"}"#, "{\"a\":\"x\u{1}\"}", #"{"a":"b"} x"#, #"{"a":"b",}"#, #"["a"]"#, #"{"a" "b"}"#,
        #"{"a":"b""#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, "\u{FEFF}{\"a\":\"b\"}", "",
    ])
    func leavesOtherInputsToJSONDecoder(json: String) {
        Self.expectColumnMatchesJSONDecoder(Data(json.utf8))
    }

    @Test func leavesInvalidUTF8ToJSONDecoder() {
        Self.expectColumnMatchesJSONDecoder(Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x22, 0x22, 0x7D]))
        Self.expectColumnMatchesJSONDecoder(Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D]))
    }

    static func expectColumnMatchesJSONDecoder(_ data: Data) {
        #expect(data.withUnsafeBytes(StringDictionaryJSON.decode) == nil)
        let expected = Result { try JSONDecoder().decode([String: String].self, from: data) }
        let actual = Result { try StringDictionaryColumn.dictionary(data) }
        switch (expected, actual) {
        case (.success(let expected), .success(let actual)): #expect(actual == expected)
        case (.failure, .failure): break
        default: Issue.record("JSONDecoder: \(expected), column: \(actual)")
        }
    }
}
