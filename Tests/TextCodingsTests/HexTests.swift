import Testing
import TextCodings

/// Hex and percent-encoding, the one implementation every layer uses.
@Suite("Text codings")
struct HexTests {
    @Test func hexEncodesLowerCaseTwoDigitsPerByte() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode((0...255).map(UInt8.init)).count == 512)
        #expect(Hex.encode(AnySequence([0xde, 0xad] as [UInt8])) == "dead")  // not contiguous
        #expect(Hex.encode([0xbe, 0xef][...]) == "beef")
    }

    @Test func hexDecodesEitherCaseAndRefusesTheRest() {
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode("DEADbeef") == [0xde, 0xad, 0xbe, 0xef])
        #expect(Hex.decode("") == [])
        for invalid in ["a", "abc", "zz", "0g", " 00", "+1"] {
            #expect(Hex.decode(invalid) == nil, "\(invalid)")
        }
        #expect(Hex.isDigits(String(repeating: "aF09", count: 16), count: 64))
        #expect(!Hex.isDigits(String(repeating: "a", count: 63), count: 64))
        #expect(!Hex.isDigits(String(repeating: "g", count: 64), count: 64))
    }

    @Test func percentEncodingFollowsAWSRules() {
        #expect(PercentEncoding.encode("a b+c/€~-_.".utf8, keepSlash: true) == "a%20b%2Bc/%E2%82%AC~-_.")
        #expect(PercentEncoding.encode("a/b".utf8, keepSlash: false) == "a%2Fb")
        #expect(PercentEncoding.decodeToString("a%20b%2Fc+d%zz%4") == "a b/c+d%zz%4")
        #expect(PercentEncoding.decode("%e2%82%ac") == [0xe2, 0x82, 0xac])
        #expect(PercentEncoding.canonicalize("a%2fb c", keepSlash: false) == "a%2Fb%20c")
    }
}
