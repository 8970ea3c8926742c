import CoreMetrics
public import Prometheus

/// The process-wide Prometheus registry behind `/_coffer/metrics`.
///
/// swift-metrics can be bootstrapped once per process, and metrics created before that stay no-ops forever, so
/// ``registry`` bootstraps on first use and `buildApplication` touches it before creating any service. Servers
/// built later in the same process (tests) share it.
public enum CofferMetrics {
    /// The registry every Coffer metric is recorded in.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        if MetricsSystem.factory is NOOPMetricsHandler {
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        }
        return registry
    }()
}
