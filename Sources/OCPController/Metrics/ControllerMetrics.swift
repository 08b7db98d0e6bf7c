public import CoreMetrics
import Metrics
import OCPModel
import Synchronization

/// The controller's metrics, under the seeds' names where they had one (swift-metrics; the server exports them).
public struct ControllerMetrics: Sendable {
    private let injected: (any MetricsFactory)?

    /// Records through `factory`, or through the bootstrapped `MetricsSystem` when nil.
    public init(factory: (any MetricsFactory)? = nil) {
        injected = factory
    }

    private var factory: any MetricsFactory { injected ?? MetricsSystem.factory }
    /// Kept, not made per increment: a factory without native floating-point counters rounds each handler's own
    /// running sum, so a new handler per cent-sized increment would count nothing.
    private let costCounters = CostCounters()

    /// `ocpctl_jobs_total{type,status}` when an operation starts (status `Running`) and when it finishes.
    func operationStarted(type: OperationType) {
        Counter(label: "ocpctl_jobs_total", dimensions: [("type", type.rawValue), ("status", OperationState.running.rawValue)], factory: factory).increment()
    }

    /// Counts a finished operation, its duration and, for a failed destroy, `ocpctl_destroy_failures_total`.
    func operationFinished(type: OperationType, state: OperationState, seconds: Double, platform: String) {
        let dimensions = [("type", type.rawValue), ("status", state.rawValue)]
        Counter(label: "ocpctl_jobs_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "ocpctl_job_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(Int64(max(seconds, 0) * 1e9))
        if type == .destroy, state == .failed {
            Counter(label: "ocpctl_destroy_failures_total", dimensions: [("platform", platform)], factory: factory).increment()
        }
    }

    /// One reconcile: `ocpctl_reconcile_total{result}` and `ocpctl_reconcile_duration_seconds`.
    func reconciled(seconds: Double, error: Bool) {
        Counter(label: "ocpctl_reconcile_total", dimensions: [("result", error ? "error" : "success")], factory: factory).increment()
        if error { Counter(label: "ocpctl_reconcile_errors_total", factory: factory).increment() }
        Timer(label: "ocpctl_reconcile_duration_seconds", factory: factory).recordNanoseconds(Int64(seconds * 1e9))
    }

    /// `ocpctl_estimated_cost_dollars_total{team}`: the sample's price over the minutes since the cluster's previous
    /// sample in this process, at most `UsageReport.maxSampleGapSeconds`, as the usage report counts them.
    func estimatedCost(_ sample: UsageSample, since previous: Timestamp?) {
        guard let previous else { return }
        let seconds = min(sample.time.secondsSinceEpoch - previous.secondsSinceEpoch, UsageReport.maxSampleGapSeconds)
        guard seconds > 0 else { return }
        costCounters.counter(team: sample.namespace, factory: factory).increment(by: sample.estimatedHourlyCost * Double(seconds) / 3600)
    }

    /// `ocpctl_workqueue_depth`.
    func queueDepth(_ depth: Int) {
        Gauge(label: "ocpctl_workqueue_depth", factory: factory).record(depth)
    }

    /// `ocpctl_lock_acquisition_failures_total{reason}`.
    func lockAcquisitionFailed(reason: String) {
        Counter(label: "ocpctl_lock_acquisition_failures_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// `ocpctl_clusters_total{platform,status}`: clusters per platform and phase, from a full resync.
    func clusters(_ counts: [String: [String: Int]]) {
        for (platform, phases) in counts {
            for phase in ClusterPhase.allCases {
                Gauge(label: "ocpctl_clusters_total", dimensions: [("platform", platform), ("status", phase.rawValue)], factory: factory)
                    .record(phases[phase.rawValue, default: 0])
            }
        }
    }

    /// `ocpctl_singleton_last_success_timestamp_seconds{service}`: when a singleton (janitor, sync, compactor)
    /// last finished a round without error, so an alert can tell a stuck leader from an idle one.
    func singletonSucceeded(_ service: String, at seconds: Double) {
        Gauge(label: "ocpctl_singleton_last_success_timestamp_seconds", dimensions: [("service", service)], factory: factory).record(seconds)
    }

    /// `ocpctl_orphan_resources{platform}`: resources found by the last orphan sweep.
    func orphanResources(_ count: Int, platform: String) {
        Gauge(label: "ocpctl_orphan_resources", dimensions: [("platform", platform)], factory: factory).record(count)
    }
}

/// One cost counter per team, made once.
private final class CostCounters: Sendable {
    private let counters = Mutex<[String: FloatingPointCounter]>([:])

    func counter(team: String, factory: any MetricsFactory) -> FloatingPointCounter {
        counters.withLock { counters in
            if let counter = counters[team] { return counter }
            let counter = FloatingPointCounter(label: "ocpctl_estimated_cost_dollars_total", dimensions: [("team", team)], factory: factory)
            counters[team] = counter
            return counter
        }
    }
}
