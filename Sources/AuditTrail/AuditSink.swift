/// Where the key service sends its audit events: `AuditWriter` in the server, a collector in tests.
public protocol AuditSink: Sendable {
    /// Records `event`; returns once it is accepted (queued), suspending only while the trail is overloaded.
    nonisolated(nonsending) func record(_ event: AuditEvent) async

    /// Records `event` and returns once it is durable (synced), for the events of changes that are acknowledged
    /// only when durable.
    nonisolated(nonsending) func recordDurably(_ event: AuditEvent) async
}

extension AuditSink {
    /// Records `event`; a sink with no disk has nothing to sync.
    public nonisolated(nonsending) func recordDurably(_ event: AuditEvent) async {
        await record(event)
    }
}
