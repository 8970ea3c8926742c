import Foundation
import TextCodings

/// HTTP dates (`Last-Modified`, `If-Modified-Since`): `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
///
/// Hand-written: `DateFormatter` is slow, not safe to share across threads on Linux and locale-sensitive, and this
/// runs on every GET. Parsing also accepts the two obsolete forms RFC 9110 requires recipients to accept.
enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats `date` (whole seconds, rounded down) in the IMF-fixdate form.
    static func format(_ date: Date) -> String {
        let time = CivilTime(date)
        return "\(weekdays[time.weekday]), \(pad(time.day, 2)) \(months[time.month - 1]) \(pad(time.year, 4)) "
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2)) GMT"
    }

    /// Parses IMF-fixdate, RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime (`Sun Nov  6 08:49:37 1994`).
    static func parse(_ text: String) -> Date? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        switch fields.count {
        case 6 where fields[5] == "GMT":  // Sun, 06 Nov 1994 08:49:37 GMT
            return date(day: fields[1], month: fields[2], year: fields[3], time: fields[4])
        case 4 where fields[3] == "GMT":  // Sunday, 06-Nov-94 08:49:37 GMT
            let parts = fields[1].split(separator: "-")
            guard parts.count == 3, let twoDigit = Int(parts[2]) else { return nil }
            let year = twoDigit < 70 ? 2000 + twoDigit : (twoDigit < 100 ? 1900 + twoDigit : twoDigit)
            return date(day: parts[0], month: parts[1], year: Substring(String(year)), time: fields[2])
        case 5:  // Sun Nov  6 08:49:37 1994
            return date(day: fields[2], month: fields[1], year: fields[4], time: fields[3])
        default:
            return nil
        }
    }

    private static func date(day: Substring, month: Substring, year: Substring, time: Substring) -> Date? {
        let clock = time.split(separator: ":")
        guard let day = Int(day), let month = months.firstIndex(of: String(month)), let year = Int(year),
            clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        CivilCalendar.pad(value, width)
    }
}

/// The timestamps of S3's XML (`LastModified`, `CreationDate`): `2009-10-12T17:50:30.000Z`.
enum ISO8601Timestamp {
    /// Formats `date` in UTC with milliseconds.
    static func format(_ date: Date) -> String {
        let time = CivilTime(date)
        return "\(HTTPDate.pad(time.year, 4))-\(HTTPDate.pad(time.month, 2))-\(HTTPDate.pad(time.day, 2))T"
            + "\(HTTPDate.pad(time.hour, 2)):\(HTTPDate.pad(time.minute, 2)):\(HTTPDate.pad(time.second, 2))."
            + "\(HTTPDate.pad(time.millisecond, 3))Z"
    }
}

/// A UTC date split into calendar fields (``TextCodings/CivilCalendar``).
struct CivilTime {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int
    let millisecond: Int
    /// 0 = Sunday.
    let weekday: Int

    init(_ date: Date) {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        self.millisecond = milliseconds - seconds * 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        self.hour = secondOfDay / 3600
        self.minute = secondOfDay / 60 % 60
        self.second = secondOfDay % 60
        self.weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday
        (self.year, self.month, self.day) = CivilCalendar.date(fromDays: days)
    }
}
