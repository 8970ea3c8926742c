import DequeModule
import Foundation

/// Reads the audit trail back: the day files oldest first, each line decoded and filtered.
///
/// A line that does not decode (the torn tail of a crash, or damage) is skipped and counted, never fatal.
/// Safe to use while a writer appends: a line being written is seen as torn and skipped.
public struct AuditReader: Sendable {
    /// The result of a read: the events, in the order written, and how many lines were skipped.
    public struct Scan: Sendable, Hashable {
        /// The matching events, oldest first (the most recent `limit` of them).
        public var events: [AuditEvent]
        /// Examined lines that could not be decoded, including torn last lines (with a key filter, only lines
        /// mentioning the key are examined).
        public var skippedLines: Int
    }

    /// The audit directory.
    public let directory: String

    /// A reader of the audit directory `directory` (normally `AuditLayout.directory(dataDirectory:)`).
    public init(directory: String) {
        self.directory = directory
    }

    /// The matching events, oldest first; an absent directory reads as an empty trail.
    public func events(matching query: AuditQuery = AuditQuery()) throws(AuditTrailError) -> [AuditEvent] {
        try read(query).events
    }

    /// The matching events and the number of lines skipped.
    public func read(_ query: AuditQuery = AuditQuery()) throws(AuditTrailError) -> Scan {
        let limit = query.limit.map { max(0, $0) }
        var events = Deque<AuditEvent>()
        var skipped = 0
        let decoder = AuditCoding.makeDecoder()
        // A line can match a key only if it contains the key's short form: skip the others undecoded.
        let needle = query.key.map { Data(KeyReference.shortForm($0).utf8) }
        for (day, path) in try dayFiles() where query.mayMatch(day) {
            let torn = try AuditLineReader.forEachLine(path: path) { line in
                guard !line.isEmpty else { return }
                if let needle, line.range(of: needle) == nil { return }
                guard let event = try? decoder.decode(AuditEvent.self, from: line) else {
                    skipped += 1
                    return
                }
                guard query.matches(event) else { return }
                events.append(event)
                if let limit, events.count > limit { events.removeFirst() }
            }
            if torn { skipped += 1 }
        }
        return Scan(events: Array(events), skippedLines: skipped)
    }

    /// The day files, oldest first.
    func dayFiles() throws(AuditTrailError) -> [(AuditDay, String)] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .cannotRead(directory, errno: EIO)
        }
        return names.compactMap { name in AuditDay(fileName: name).map { ($0, directory + "/" + name) } }
            .sorted { $0.0 < $1.0 }
    }
}
