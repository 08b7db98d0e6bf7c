import Foundation
import OCPModel
import Testing

/// `ocpctl usage` against a real `serve`: the report by team as a table and CSV, each team's requester seeing only its own.
@Suite("Usage reports end to end")
struct UsageTests {
    @Test("usage --by team as table and CSV; a requester sees only its team; a bad parameter names itself")
    func usageByTeam() async throws {
        try await Serve.with { serve in
            let admin = serve.cli
            let bob = try TenancyTests.user(serve, "bob@example.com", team: "team-b")
            try TenancyTests.applyStdin(admin, TenancyTests.manifest("spend-a", namespace: "team-a"))
            try TenancyTests.applyStdin(bob, TenancyTests.manifest("spend-b", namespace: "team-b"))
            try await eventually("both Ready") { try admin.cluster("spend-a").isReady && admin.cluster("spend-b", namespace: "team-b").isReady }

            let table = try await poll("both teams are sampled") { () -> String? in
                let output = try admin.ok(["usage", "--by", "team", "--since", "1h"])
                return output.contains("team-a") && output.contains("team-b") ? output : nil
            }
            let header = try #require(table.split(separator: "\n").first)
            #expect(header.contains("TEAM") && header.contains("RUNNING HOURS") && header.contains("ESTIMATED COST"), "\(table)")
            // One sample so far: it stands for at most the minute it was taken in, at 2.50 an hour.
            let json = try admin.ok(["usage", "--by", "team", "--since", "1h", "-o", "json"])
            let report = try JSONDecoder().decode(UsageReportDocument.self, from: Data(json.utf8))
            let teamA = try #require(report.rows.first { $0.group == "team-a" })
            #expect(teamA.clusters == 1 && teamA.runningHours > 0 && teamA.runningHours <= 1.0 / 60 && teamA.hibernatedHours == 0, "\(teamA)")
            #expect(abs(teamA.estimatedCost - teamA.runningHours * 2.5) < 0.005 && abs(teamA.nodeHours - teamA.runningHours * 3) < 0.001)

            let csv = try admin.ok(["usage", "--by", "team", "--since", "1h", "-o", "csv"])
            #expect(csv.hasPrefix("period,team,clusters,running_hours,hibernated_hours,node_hours,estimated_cost\n"), "\(csv)")
            #expect(csv.contains(",team-a,1,") && csv.contains(",team-b,1,"))

            let own = try bob.ok(["usage", "--by", "team", "--since", "1h"])
            #expect(own.contains("team-b") && !own.contains("team-a"), "\(own)")

            let bad = try admin.run(["usage", "--by", "colour", "--since", "1h"])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("groupBy") && bad.stderr.contains("\"costCenter\""), "\(bad.stderr)")
        }
    }
}
