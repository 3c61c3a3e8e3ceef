import Metrics
import Prometheus
import Synchronization

/// The process's metrics: Hummingbird's `MetricsMiddleware` records through swift-metrics into this
/// Prometheus registry, which `/metrics` prints. swift-metrics allows one backend per process, so
/// `landwatch serve` bootstraps it once; tests leave it unbootstrapped (metrics go nowhere).
enum ServerMetrics {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    static func bootstrap() {
        bootstrapped.withLock { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
        }
    }
}
