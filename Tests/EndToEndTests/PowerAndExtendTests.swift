import Foundation
import OCPModel
import Testing

/// `ocpctl hibernate`, `resume` and `extend` against a real `ocpctl serve`: each a write through the API, audited.
@Suite("hibernate, resume and extend with ocpctl serve", .serialized)
struct PowerAndExtendTests {
    static let manifest = """
        apiVersion: ocpctl.io/v1alpha1
        kind: Cluster
        metadata:
          name: office
          namespace: team-a
        spec:
          profile: aws-minimal-test
          costCenter: sandbox
          hibernation:
            schedules:
            - start: "0 0 1 1 *"
              end: "0 0 2 1 *"
              location: UTC
        """

    @Test("a schedule shows its next transition; hibernate --until overrides it, resume clears it, extend is capped and all are audited")
    func walk() async throws {
        try await Serve.with { serve in
            let cli = serve.cli
            let file = serve.dataDir + "/office.yaml"
            try Self.manifest.write(toFile: file, atomically: true, encoding: .utf8)
            #expect(try cli.ok(["apply", "-f", file]).contains("cluster.ocpctl.io/office created"))
            _ = try cli.ok(["wait", "cluster/office", "-n", "team-a", "--for=condition=Ready", "--timeout", "60s"])
            let now = Int64(Date().timeIntervalSince1970)
            let year = Timestamp(secondsSinceEpoch: now).rfc3339.prefix(4)
            let next = try cli.cluster("office").status?.hibernation?.nextTransition
            #expect(next?.powerState == .hibernating)
            #expect(next?.at.rfc3339.hasSuffix("-01-01T00:00:00Z") == true && next!.at.rfc3339 > "\(year)")

            let hibernated = try cli.ok(["hibernate", "cluster/office", "-n", "team-a", "--until", "2h"])
            #expect(hibernated.hasPrefix("cluster.ocpctl.io/office hibernating until "))
            try await eventually("office is Hibernated") { try cli.cluster("office").status?.phase == .hibernated }
            var cluster = try cli.cluster("office")
            let until = try #require(cluster.spec.hibernation?.override?.until)
            #expect(abs(until.seconds(since: Timestamp(secondsSinceEpoch: now)) - 7200) < 120)
            #expect(cluster.status?.hibernation?.nextTransition == PowerTransition(powerState: .running, at: until))

            #expect(try cli.ok(["resume", "cluster/office", "-n", "team-a"]).contains("cluster.ocpctl.io/office running"))
            try await eventually("office runs again") { try cli.cluster("office").status?.phase == .running }
            cluster = try cli.cluster("office")
            #expect(cluster.spec.hibernation?.override == nil)
            #expect(cluster.spec.hibernation?.schedules?.count == 1)

            let badUntil = try cli.run(["hibernate", "cluster/office", "-n", "team-a", "--until", "25:00"])
            #expect(badUntil.status != 0)
            #expect(badUntil.stderr.contains("--until: \"25:00\" must be HH:MM"), "\(badUntil.stderr)")

            #expect(try cli.ok(["extend", "cluster/office", "-n", "team-a", "--by", "24h"]).contains("extended: ttl 48h"))
            let over = try cli.run(["extend", "cluster/office", "-n", "team-a", "--by", "25h"])
            #expect(over.status != 0)
            #expect(over.stderr.contains("spec.ttl"), "\(over.stderr)")
            #expect(try cli.cluster("office").spec.ttl == TTLDuration(seconds: 172_800))

            let described = try cli.ok(["describe", "cluster", "office", "-n", "team-a"])
            #expect(described.contains("Hibernation:      0 0 1 1 * .. 0 0 2 1 * (UTC)"))
            #expect(described.contains("extend"))
            #expect(described.contains("spec.hibernation.override: (none) -> Hibernating until"), "\(described)")
        }
    }
}
