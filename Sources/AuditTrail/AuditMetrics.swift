import Metrics

/// The audit writer's swift-metrics instruments, created once.
struct AuditMetrics: Sendable {
    /// `coffer_audit_queue_depth`: events waiting in memory.
    let queueDepth: Gauge
    /// `coffer_audit_events_total`: events appended and synced.
    let eventsWritten: Counter
    /// `coffer_audit_backpressure_total`: producers that had to wait for room.
    let backPressureWaits: Counter
    /// `coffer_audit_write_failures_total`: failed write attempts (retried).
    let writeFailures: Counter

    init(factory: any MetricsFactory) {
        queueDepth = Gauge(label: "coffer_audit_queue_depth", factory: factory)
        eventsWritten = Counter(label: "coffer_audit_events_total", factory: factory)
        backPressureWaits = Counter(label: "coffer_audit_backpressure_total", factory: factory)
        writeFailures = Counter(label: "coffer_audit_write_failures_total", factory: factory)
    }
}
