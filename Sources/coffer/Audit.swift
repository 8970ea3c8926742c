import ArgumentParser
import AuditTrail
import Foundation

/// `coffer audit`: prints the audit trail of a data folder, as a table or as JSON lines.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the KMS audit trail (CloudTrail-shaped events) of a data folder.",
        discussion: """
            Reads <data>/audit/audit-YYYYMMDD.jsonl, oldest first. Safe while the server runs: a line being \
            written is skipped. The same events are served by GET /_coffer/audit (signed, root only).

            Examples:
              coffer audit --data ./data --limit 20
              coffer audit --key alias/photos --event GenerateDataKey --since 2026-01-31T12:00:00Z --json
            """
    )

    @Option(help: ArgumentHelp("The data folder of the server.", valueName: "path"))
    var data = "./data"

    @Option(help: "Only events about this key: a key id, key ARN, alias name or alias ARN.")
    var key: String?

    @Option(help: ArgumentHelp("Only events of this operation, e.g. GenerateDataKey.", valueName: "name"))
    var event: String?

    @Option(
        help: ArgumentHelp("Only events at or after this ISO 8601 time, e.g. 2026-01-31T12:00:00Z.", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only the most recent N matching events.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Print JSON lines, exactly as stored, instead of a table.")
    var json = false

    func validate() throws {
        if let since, ISO8601DateFormatter().date(from: since) == nil {
            throw ValidationError("--since must be an ISO 8601 time such as 2026-01-31T12:00:00Z.")
        }
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative.") }
    }

    func run() throws {
        let query = AuditQuery(
            key: key, eventName: event, since: since.flatMap { ISO8601DateFormatter().date(from: $0) }, limit: limit)
        let events = try AuditReader(directory: AuditLayout.directory(dataDirectory: data)).events(matching: query)
        let output = json ? AuditFormatter.jsonLines(events) : AuditFormatter.table(events)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
