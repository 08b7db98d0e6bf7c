import MetricsTestKit
import OCPCloud
import OCPController
import OCPModel
import Testing

@Suite("Controller metrics")
struct MetricsTests {
    @Test("jobs, durations, reconciles and destroy failures are counted under the seeds' names")
    func counted() async throws {
        let metrics = TestMetrics()
        try await Harness.run(freshSQLite(), cloud: .instant, metrics: ControllerMetrics(factory: metrics)) { h in
            try await h.apply("alpha")
            try await h.eventually("alpha", "Ready") { $0.isReady }
            try await h.delete("alpha")
            try await h.eventually("alpha is gone") { try await h.cluster("alpha") == nil }
        }
        #expect(metrics.counterTotal(label: "ocpctl_jobs_total", dimensions: [("type", "Create"), ("status", "Running")]) == 1)
        #expect(metrics.counterTotal(label: "ocpctl_jobs_total", dimensions: [("type", "Create"), ("status", "Succeeded")]) == 1)
        #expect(metrics.counterTotal(label: "ocpctl_jobs_total", dimensions: [("type", "Destroy"), ("status", "Succeeded")]) == 1)
        #expect(try metrics.expectTimer("ocpctl_job_duration_seconds", [("type", "Create"), ("status", "Succeeded")]).values.count == 1)
        // At least create, finish, destroy; the last reconcile may count just after the test sees the cluster gone.
        #expect(metrics.counterTotal(label: "ocpctl_reconcile_total", dimensions: [("result", "success")]) >= 3)
        #expect(metrics.counterTotal(label: "ocpctl_destroy_failures_total") == 0)
        #expect(!metrics.recorders.filter { $0.label == "ocpctl_workqueue_depth" }.isEmpty)
        #expect(!metrics.recorders.filter { $0.label == "ocpctl_clusters_total" }.isEmpty)
    }
}
