import Foundation
import OCPModel
import Testing

/// A week of a real controller on the manual clock, with the cluster hibernated every night, priced by the API.
@Suite("Usage over a week")
struct UsageWeekTests {
    /// Monday 2026-11-30 06:00 UTC.
    static let monday: Int64 = 1_796_018_400
    static let day: Int64 = 86_400

    @Test("hibernated 18:00 to 06:00 every night for a week: the API's JSON and CSV equal the hand calculation to the cent")
    func week() async throws {
        try await Harness.run(freshSQLite(), cloud: .instant, clockStart: Double(Self.monday)) { h in
            try await h.apply("nightly", profile: "aws-standard") { spec in
                spec.ttl = TTLDuration(seconds: 7 * Self.day)
                spec.costCenter = "cc-7"
            }
            try await h.eventually("nightly", "Ready") { $0.isReady }
            for day in 0..<7 {
                let evening = Self.monday + Int64(day) * Self.day + 12 * 3600
                try await h.advance(to: evening)
                try await h.update("nightly") { $0.powerState = .hibernating }
                try await h.eventually("nightly", "Hibernated on day \(day)") { $0.phase == .hibernated }
                let morning = Self.monday + Int64(day + 1) * Self.day
                guard day < 6 else {
                    try await h.advance(to: morning)
                    break
                }
                try await h.advance(to: morning)
                try await h.update("nightly") { $0.powerState = .running }
                try await h.eventually("nightly", "Running again after night \(day)") { $0.isReady && $0.phase == .running }
            }

            let from = Timestamp(secondsSinceEpoch: Self.monday)
            let to = Timestamp(secondsSinceEpoch: Self.monday + 7 * Self.day)
            try await h.withAPIServer { client in
                let range = [("from", from.rfc3339), ("to", to.rfc3339)]
                // By hand: 7 × 12 h running at 6.75 $/h = 567.00; 7 × 12 h hibernated at 10 % of it = 56.70; 6 nodes throughout.
                let total = try await client.usage(range + [("groupBy", "team")])
                #expect(total.rows == [UsageRow(group: "team-a", period: "2026-11-30", clusters: 1, runningHours: 84, hibernatedHours: 84,
                                                nodeHours: 1008, estimatedCost: 623.70)])
                // Per UTC day: Monday runs from 06:00 and sleeps from 18:00; Tuesday to Sunday sleep 12 h; the next Monday until 06:00.
                let daily = try await client.usage(range + [("groupBy", "costCenter"), ("period", "day")])
                let expected = [("2026-11-30", 12.0, 6.0, 85.05)]
                    + (1...6).map { ("2026-12-0\($0)", 12.0, 12.0, 89.10) }
                    + [("2026-12-07", 0.0, 6.0, 4.05)]
                #expect(daily.rows == expected.map { day, running, hibernated, cost in
                    UsageRow(group: "cc-7", period: day, clusters: 1, runningHours: running, hibernatedHours: hibernated,
                             nodeHours: (running + hibernated) * 6, estimatedCost: cost)
                })
                let csv = try await client.usageCSV(range + [("groupBy", "costCenter"), ("period", "day")])
                #expect(csv == """
                    period,costCenter,clusters,running_hours,hibernated_hours,node_hours,estimated_cost
                    2026-11-30,cc-7,1,12.0000,6.0000,108.0000,85.05
                    2026-12-01,cc-7,1,12.0000,12.0000,144.0000,89.10
                    2026-12-02,cc-7,1,12.0000,12.0000,144.0000,89.10
                    2026-12-03,cc-7,1,12.0000,12.0000,144.0000,89.10
                    2026-12-04,cc-7,1,12.0000,12.0000,144.0000,89.10
                    2026-12-05,cc-7,1,12.0000,12.0000,144.0000,89.10
                    2026-12-06,cc-7,1,12.0000,12.0000,144.0000,89.10
                    2026-12-07,cc-7,1,0.0000,6.0000,36.0000,4.05

                    """)
            }
        }
    }
}

extension Harness {
    /// Moves the clock to `time` in steps of one stable interval, letting the controller react to each.
    func advance(to time: Int64) async throws {
        try await advance(until: "the clock reaches \(Timestamp(secondsSinceEpoch: time).rfc3339)", step: 300, limit: 86_400) {
            Int64(clock.now()) >= time
        }
    }
}
