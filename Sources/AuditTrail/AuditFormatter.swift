import Foundation

/// Output of `coffer audit` and `GET /_coffer/audit`: an aligned table or JSON lines.
public enum AuditFormatter {
    /// The table's columns: time, event, user ARN, invoking service, key, error code.
    public static let tableHeader = ["TIME", "EVENT", "USER", "INVOKED BY", "KEY", "ERROR"]

    /// The events as an aligned text table with a header row, one event per line; `-` marks an empty cell.
    public static func table(_ events: [AuditEvent]) -> String {
        let rows = [tableHeader] + events.map(row)
        var widths = tableHeader.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The events as JSON lines, exactly as the trail stores them.
    public static func jsonLines(_ events: [AuditEvent]) -> String {
        var encoder = AuditLineEncoder()
        for event in events { encoder.append(event) }
        return String(decoding: encoder.take(), as: UTF8.self)
    }

    private static func row(_ event: AuditEvent) -> [String] {
        [
            event.eventTime.formatted(.iso8601),
            event.eventName,
            event.userIdentity.arn ?? event.userIdentity.type.rawValue,
            event.userIdentity.invokedBy ?? "-",
            event.displayedKey ?? "-",
            event.errorCode ?? "-",
        ]
    }
}
