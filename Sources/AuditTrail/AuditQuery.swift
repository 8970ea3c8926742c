public import Foundation

/// Which events `AuditReader` returns: all of these conditions, and at most the `limit` most recent.
public struct AuditQuery: Sendable, Hashable {
    /// A key id, key ARN, alias name or alias ARN, matched against the event's resources and key parameters.
    public var key: String?
    /// An operation name (`GenerateDataKey`), compared without regard to case.
    public var eventName: String?
    /// The earliest `eventTime` to return.
    public var since: Date?
    /// How many of the most recent matching events to return; nil for all.
    public var limit: Int?

    /// Creates a query; every condition is optional.
    public init(key: String? = nil, eventName: String? = nil, since: Date? = nil, limit: Int? = nil) {
        self.key = key
        self.eventName = eventName
        self.since = since
        self.limit = limit
    }

    /// Whether `event` meets every condition (the limit aside).
    public func matches(_ event: AuditEvent) -> Bool {
        if let since, event.eventTime < since { return false }
        if let eventName, event.eventName.caseInsensitiveCompare(eventName) != .orderedSame { return false }
        if let key, !event.keyReferences.contains(where: { KeyReference.matches($0, key) }) { return false }
        return true
    }

    /// Whether a file of `day` can hold matching events.
    func mayMatch(_ day: AuditDay) -> Bool {
        guard let since else { return true }
        return day >= AuditDay(since)
    }
}
