import Testing
import OCPModel

@Suite("Usage and cost reports")
struct UsageReportTests {
    static let monday = Timestamp(rfc3339: "2026-11-23T00:00:00Z")!
    static let nextMonday = monday.adding(seconds: 7 * 86_400)

    /// Cluster "night" in team-a: sampled every 5 minutes for a week, hibernated every night from 19:00 to 08:00.
    /// Cluster "day" in team-b: sampled every minute from Wednesday 12:00 until it is destroyed on Thursday 12:00.
    static let samples: [UsageSample] = {
        var samples: [UsageSample] = []
        var time = monday
        while time < nextMonday {
            let hour = (time.secondsSinceEpoch % 86_400) / 3600
            let running = hour >= 8 && hour < 19
            samples.append(UsageSample(clusterUID: "uid-night", namespace: "team-a", time: time, estimatedHourlyCost: running ? 2.5 : 0.25,
                                       powerState: running ? .running : .hibernating, clusterName: "night", profile: "aws-standard",
                                       platform: "aws", owner: "alice@example.com", costCenter: "cc-1", controlPlaneNodes: 3, workerNodes: 2))
            time = time.adding(seconds: 300)
        }
        time = monday.adding(seconds: 2 * 86_400 + 12 * 3600)
        while time < monday.adding(seconds: 3 * 86_400 + 12 * 3600) {
            samples.append(UsageSample(clusterUID: "uid-day", namespace: "team-b", time: time, estimatedHourlyCost: 1.75, powerState: .running,
                                       clusterName: "day", profile: "aws-minimal-test", platform: "aws", owner: "bob@example.com",
                                       costCenter: "", controlPlaneNodes: 3, workerNodes: 0))
            time = time.adding(seconds: 60)
        }
        return samples
    }()

    @Test("a week with hibernation every night: hours and cost match the hand calculation to the cent")
    func week() {
        let rows = UsageReport.rows(Self.samples.shuffled(), UsageQuery(from: Self.monday, to: Self.nextMonday, groupBy: .team))
        // team-a: 11 running hours a day (08-19) and 13 hibernated, for 7 days: 77 h × 2.50 + 91 h × 0.25 = 215.25.
        // team-b: 24 running hours × 1.75 = 42.00.
        #expect(rows == [
            UsageRow(group: "team-a", period: "2026-11-23", clusters: 1, runningHours: 77, hibernatedHours: 91, nodeHours: 168 * 5, estimatedCost: 215.25),
            UsageRow(group: "team-b", period: "2026-11-23", clusters: 1, runningHours: 24, hibernatedHours: 0, nodeHours: 72, estimatedCost: 42),
        ])
        #expect(UsageReport.csv(rows, groupBy: .team) == """
            period,team,clusters,running_hours,hibernated_hours,node_hours,estimated_cost
            2026-11-23,team-a,1,77.0000,91.0000,840.0000,215.25
            2026-11-23,team-b,1,24.0000,0.0000,72.0000,42.00

            """)
    }

    @Test("by day: each UTC day is its own row, and a cluster's hours split at midnight")
    func byDay() {
        let rows = UsageReport.rows(Self.samples, UsageQuery(from: Self.monday, to: Self.nextMonday, groupBy: .costCenter, period: .day))
        let teamB = rows.filter { $0.group == "(none)" }
        #expect(teamB.map(\.period) == ["2026-11-25", "2026-11-26"])
        #expect(teamB.map(\.runningHours) == [12, 12])
        #expect(teamB.map(\.estimatedCost) == [21, 21])
        let night = rows.filter { $0.group == "cc-1" }
        #expect(night.count == 7 && night.allSatisfy { $0.runningHours == 11 && $0.hibernatedHours == 13 && $0.estimatedCost == 30.75 })
    }

    @Test("by month over a range that starts mid-week; a sample before the range covers its first minutes")
    func byMonthAndRange() {
        let from = Timestamp(rfc3339: "2026-11-29T12:02:00Z")!
        let to = Timestamp(rfc3339: "2026-12-01T00:00:00Z")!
        let rows = UsageReport.rows(Self.samples, UsageQuery(from: from, to: to, groupBy: .owner, period: .month))
        // Sunday 12:02 to Monday 00:00: 6 h 58 min running, then 5 hibernated hours until the samples end at midnight.
        #expect(rows == [UsageRow(group: "alice@example.com", period: "2026-11", clusters: 1, runningHours: 6.9667, hibernatedHours: 5,
                                  nodeHours: 59.8333, estimatedCost: 18.67)])
    }

    @Test("CSV has a header and one line per row, quoting what needs it")
    func csv() {
        let rows = [UsageRow(group: "acme, \"labs\"", period: "2026-11", clusters: 2, runningHours: 1.5, hibernatedHours: 0, nodeHours: 7.5,
                             estimatedCost: 3.75)]
        #expect(UsageReport.csv(rows, groupBy: .costCenter) == #"""
            period,costCenter,clusters,running_hours,hibernated_hours,node_hours,estimated_cost
            2026-11,"acme, ""labs""",2,1.5000,0.0000,7.5000,3.75

            """#)
    }
}
