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

/// The calendar arithmetic of SigV4's and S3's date formats.
@Suite("Civil calendar")
struct CivilCalendarTests {
    @Test func daysAndDatesRoundTripAcrossEras() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(year: 1969, month: 12, day: 31) == -1)
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilCalendar.date(fromDays: days)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == days)
            #expect((1...CivilCalendar.daysIn(month: date.month, year: date.year)).contains(date.day))
        }
    }

    @Test func leapYearsAndPadding() {
        #expect(CivilCalendar.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilCalendar.daysIn(month: 4, year: 2023) == 30)
        #expect(
            CivilCalendar.pad(7, 2) == "07" && CivilCalendar.pad(2026, 4) == "2026"
                && CivilCalendar.pad(123, 2) == "123")
    }
}
