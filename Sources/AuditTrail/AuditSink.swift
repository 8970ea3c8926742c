/// Where the key service sends its audit events: `AuditWriter` in the server, a collector in tests.
public protocol AuditSink: Sendable {
    /// Records `event`; returns once it is accepted (queued), suspending only while the trail is overloaded.
    nonisolated(nonsending) func record(_ event: AuditEvent) async
}
