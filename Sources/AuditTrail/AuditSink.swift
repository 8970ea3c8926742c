/// Where the key service sends its audit events: `AuditWriter` in the server, a collector in tests.
public protocol AuditSink: Sendable {
    /// Records `event`; returns once it is accepted (queued), suspending only while the trail is overloaded.
    nonisolated(nonsending) func record(_ event: AuditEvent) async

    /// Records `event` like ``record(_:)``, but gives up after the sink's time limit: throws
    /// ``AuditTrailError/unavailable(_:errno:)`` when the event could not be accepted in time.
    nonisolated(nonsending) func recordWithinLimit(_ event: AuditEvent) async throws(AuditTrailError)

    /// Records `event` and returns once it is durable (synced), for the events of changes that are acknowledged
    /// only when durable; gives up after the sink's time limit like ``recordWithinLimit(_:)``.
    nonisolated(nonsending) func recordDurably(_ event: AuditEvent) async throws(AuditTrailError)
}

extension AuditSink {
    /// A sink that never waits long: ``record(_:)``.
    public nonisolated(nonsending) func recordWithinLimit(_ event: AuditEvent) async throws(AuditTrailError) {
        await record(event)
    }

    /// A sink with no disk has nothing to sync: ``recordWithinLimit(_:)``.
    public nonisolated(nonsending) func recordDurably(_ event: AuditEvent) async throws(AuditTrailError) {
        try await recordWithinLimit(event)
    }
}
