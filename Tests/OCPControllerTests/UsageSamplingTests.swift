import MetricsTestKit
import OCPController
import OCPModel
import Testing

@Suite("Usage sampling")
struct UsageSamplingTests {
    @Test("a cluster is sampled with what reports group by, priced running and hibernated, and its team's cost counter grows")
    func sampled() async throws {
        let metrics = TestMetrics()
        try await Harness.run(freshSQLite(), cloud: .instant, metrics: ControllerMetrics(factory: metrics)) { h in
            try await h.apply("alpha") { spec in
                spec.owner = "alice@example.com"
                spec.costCenter = "cc-1"
                spec.workers = 2
            }
            try await h.eventually("alpha", "Ready") { $0.isReady }
            let start = h.now
            try await h.advance(until: "two hours have passed", step: 60, limit: 7300) { h.now.seconds(since: start) >= 7200 }
            try await h.update("alpha") { $0.powerState = .hibernating }
            try await h.eventually("alpha", "Hibernated") { $0.phase == .hibernated }
            let hibernatedAt = h.now
            try await h.advance(until: "two more hours have passed", step: 60, limit: 7300) { h.now.seconds(since: hibernatedAt) >= 7200 }

            let uid = try #require(try await h.cluster("alpha")?.metadata.uid)
            let samples = try await h.store.listUsage(clusterUID: uid, namespace: nil, from: start, to: h.now)
            #expect(samples.allSatisfy { $0.clusterName == "alpha" && $0.namespace == "team-a" && $0.profile == "aws-minimal-test"
                && $0.platform == "aws" && $0.owner == "alice@example.com" && $0.costCenter == "cc-1"
                && $0.controlPlaneNodes == 3 && $0.workerNodes == 2 })
            #expect(samples.filter { $0.powerState == .running }.allSatisfy { $0.estimatedHourlyCost == 2.5 })
            #expect(samples.filter { $0.powerState == .hibernating }.allSatisfy { $0.estimatedHourlyCost == 0.25 })
            // A stable cluster is reconciled, and so sampled, every five minutes; samples never leave a gap the report drops.
            let gaps = zip(samples.dropFirst(), samples).map { $0.time.seconds(since: $1.time) }
            #expect(gaps.allSatisfy { $0 <= UsageReport.maxSampleGapSeconds }, "\(gaps)")

            let rows = UsageReport.rows(samples, UsageQuery(from: start, to: h.now, groupBy: .costCenter))
            let row = try #require(rows.first)
            #expect(rows.count == 1 && row.group == "cc-1")
            // Two hours each way, give or take the one sampling interval the transition falls in.
            #expect(abs(row.runningHours - 2) <= 5.0 / 60 && abs(row.hibernatedHours - 2) <= 5.0 / 60, "\(row)")
            #expect(abs(row.estimatedCost - (row.runningHours * 2.5 + row.hibernatedHours * 0.25)) < 0.01)
            #expect(abs(row.nodeHours - (row.runningHours + row.hibernatedHours) * 5) < 0.01)
        }
        // The counter counts whole dollars of the same time: about 2 × 2.50 + 2 × 0.25.
        let dollars = metrics.counterTotal(label: "ocpctl_estimated_cost_dollars_total", dimensions: [("team", "team-a")])
        #expect((5...6).contains(dollars), "\(dollars)")
    }
}
