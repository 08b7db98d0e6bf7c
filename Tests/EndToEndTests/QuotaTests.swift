import Foundation
import OCPModel
import Testing

/// Team quotas with the real binary: an admin sets them, admission refuses what would pass them (as a
/// ResourceQuota does, 403 naming the limit and the use), and a sync reports the refusal per document.
@Suite("Team quotas end to end", .serialized)
struct QuotaTests {
    @Test("quota set/get; a requester cannot set one; the third create is refused naming the limit; sync reports it per document")
    func quotas() async throws {
        try await Serve.with(["--allow-local-repos"]) { serve in
            let admin = serve.cli
            let alice = try TenancyTests.user(serve, "alice@example.com", team: "team-a")

            let denied = try alice.run(["quota", "set", "team-a", "--max-active-clusters", "9"])
            #expect(denied.status != 0 && denied.stderr.contains("admins only"), "\(denied.stderr)")
            let bad = try admin.run(["quota", "set", "team-a", "--max-worker-nodes=-1"])
            #expect(bad.status != 0 && bad.stderr.contains("spec.maxWorkerNodes") && bad.stderr.contains("0 or more"), "\(bad.stderr)")
            #expect(try admin.run(["quota", "get", "team-a"]).status != 0, "no quota yet, and none was stored by the refusals")

            let set = try admin.ok(["quota", "set", "team-a", "--max-active-clusters", "2", "--max-worker-nodes", "3"])
            #expect(set.contains("activeClusters") && set.contains("<none>"), "\(set)")
            try TenancyTests.applyStdin(alice, TenancyTests.manifest("q1", namespace: "team-a", workers: 1))
            try TenancyTests.applyStdin(alice, TenancyTests.manifest("q2", namespace: "team-a", workers: 1))
            let third = try Binary.run(["apply", "-f", "-"], stdin: TenancyTests.manifest("q3", namespace: "team-a"), environment: alice.environment)
            #expect(third.status != 0 && third.stderr.contains("Forbidden"), "\(third.stderr)")
            #expect(third.stderr.contains("exceeded quota: team-a, requested: activeClusters=1, used: activeClusters=2, limited: activeClusters=2"),
                    "\(third.stderr)")
            #expect(try admin.run(["get", "cluster", "q3", "-n", "team-a"]).status != 0, "nothing was created")
            let scaled = try alice.run(["patch", "cluster", "q1", "-n", "team-a", "-p", #"{"spec":{"workers":3}}"#])
            #expect(scaled.status != 0 && scaled.stderr.contains("requested: workerNodes=3, used: workerNodes=1, limited: workerNodes=3"),
                    "\(scaled.stderr)")
            #expect(try admin.cluster("q1").spec.workers == 1)

            let shown = try alice.ok(["quota", "get", "team-a"])
            let active = try #require(shown.split(separator: "\n").first { $0.hasPrefix("activeClusters") })
            #expect(active.split(separator: " ", omittingEmptySubsequences: true) == ["activeClusters", "2", "2"], "\(shown)")

            // A sync into team-a: the document over the limit is refused by name, the one that fits is not touched.
            let repo = try SyncSourceTests.Repo()
            try repo.write("clusters/q1.yaml", TenancyTests.manifest("q1", namespace: "team-a", workers: 1))
            try repo.write("clusters/q4.yaml", TenancyTests.manifest("q4", namespace: "team-a"))
            _ = try repo.commit("one more than the quota")
            _ = try admin.ok(["create", "syncsource", "quota-src", "-n", "team-a", "--repo", "file://\(repo.path)", "--path", "clusters",
                              "--interval", "1s"])
            let refused = try await poll("the sync reports the refusal") { () -> SyncResourceStatus? in
                let source = try TenancyTests.source(admin, "quota-src", namespace: "team-a")
                return source.status?.resources?.first { $0.name == "q4" && $0.message?.contains("exceeded quota") == true }
            }
            #expect(refused.message?.contains("limited: activeClusters=2") == true, "\(String(describing: refused.message))")
            #expect(try admin.run(["get", "cluster", "q4", "-n", "team-a"]).status != 0)

            _ = try admin.ok(["quota", "delete", "team-a"])
            try TenancyTests.applyStdin(alice, TenancyTests.manifest("q3", namespace: "team-a"))
        }
    }
}
