public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A UTC calendar day, which names one audit file: `audit-YYYYMMDD.jsonl`.
///
/// Events go to the file of their own `eventTime`'s day, so the trail rotates at midnight UTC whatever the
/// writer's clock says, and a query `--since` a date can skip the older files by name alone.
public struct AuditDay: Sendable, Hashable, Comparable {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// The UTC day containing `date`.
    public init(_ date: Date) {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        year = Int(parts.tm_year) + 1900
        month = Int(parts.tm_mon) + 1
        day = Int(parts.tm_mday)
    }

    /// The day a file is named after, or nil if `fileName` is not an audit file's name.
    public init?(fileName: String) {
        guard fileName.hasPrefix("audit-"), fileName.hasSuffix(".jsonl") else { return nil }
        let digits = fileName.dropFirst("audit-".count).dropLast(".jsonl".count)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        year = value / 10_000
        month = value / 100 % 100
        day = value % 100
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    }

    /// The file name of this day's events, `audit-YYYYMMDD.jsonl`.
    public var fileName: String {
        "audit-\(Self.padded(year, 4))\(Self.padded(month, 2))\(Self.padded(day, 2)).jsonl"
    }

    public static func < (lhs: AuditDay, rhs: AuditDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
