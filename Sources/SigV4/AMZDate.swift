import TextCodings

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Parsing and formatting of the two request timestamps SigV4 accepts.
///
/// Hand-written (a few lines of calendar arithmetic) instead of `DateFormatter`, which is neither cheap nor
/// safe to share across threads on Linux, and whose locale handling is a classic source of bugs.
public enum AMZDate {
    /// Parses the ISO 8601 basic form `yyyyMMdd'T'HHmmss'Z'` (`X-Amz-Date`).
    static func parse(_ string: String) -> Date? {
        let bytes = Array(string.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            let year = number(bytes[0..<4]), let month = number(bytes[4..<6]), let day = number(bytes[6..<8]),
            let hour = number(bytes[9..<11]), let minute = number(bytes[11..<13]), let second = number(bytes[13..<15])
        else { return nil }
        return self.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Parses an RFC 1123 `Date` header: `Wed, 30 Aug 2015 12:36:00 GMT` (also `UTC`, `+0000`, `-0000`, `Z`).
    public static func parseRFC1123(_ string: String) -> Date? {
        var fields = string.split(separator: " ", omittingEmptySubsequences: true)
        if let first = fields.first, first.hasSuffix(",") { fields.removeFirst() }
        guard fields.count == 5, ["GMT", "UTC", "+0000", "-0000", "Z"].contains(fields[4]),
            let day = number(fields[0].utf8), let month = Self.months.firstIndex(of: String(fields[1])),
            let year = number(fields[2].utf8)
        else { return nil }
        let time = fields[3].split(separator: ":")
        guard time.count == 3, let hour = number(time[0].utf8), let minute = number(time[1].utf8),
            let second = number(time[2].utf8)
        else { return nil }
        return self.date(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
    }

    /// Formats a date as `yyyyMMdd'T'HHmmss'Z'`.
    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        let pad = CivilCalendar.pad
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
            + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }
}

/// Parses a run of ASCII digits (no sign), nil for anything else.
private func number(_ bytes: some Collection<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var value = 0
    for byte in bytes {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
}

extension Int {
    /// Division rounding towards negative infinity, with a non-negative remainder.
    fileprivate func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((self % divisor) + divisor) % divisor
        return ((self - remainder) / divisor, remainder)
    }
}
