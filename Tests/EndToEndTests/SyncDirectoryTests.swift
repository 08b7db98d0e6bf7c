import Foundation
import OCPModel
import Testing

/// `ocpctl sync DIR` against a real `ocpctl serve`: create, update, prune, dry run, invalid documents, safety.
@Suite("ocpctl sync DIR", .serialized)
struct SyncDirectoryTests {
    static func manifest(_ name: String, workers: Int = 0, extra: String = "") -> String {
        """
        apiVersion: ocpctl.io/v1alpha1
        kind: Cluster
        metadata:
          name: \(name)
          namespace: team-a
        spec:
          profile: aws-minimal-test
          workers: \(workers)\(extra)

        """
    }

    @Test("create, re-sync unchanged, dry run, scale and prune, invalid document, mass-deletion guard")
    func syncDirectory() async throws {
        try await Serve.with { serve in
            let cli = serve.cli
            let repo = temporaryDirectory("ocpctl-sync-dir") + "/clusters"
            try FileManager.default.createDirectory(atPath: repo + "/prod", withIntermediateDirectories: true)
            try (Self.manifest("sync-a") + "---\n" + Self.manifest("sync-b")).write(toFile: repo + "/ab.yaml", atomically: true, encoding: .utf8)
            try Self.manifest("sync-c").write(toFile: repo + "/prod/c.yaml", atomically: true, encoding: .utf8)
            // A cluster made by hand, which no prune may touch.
            try Self.manifest("manual").write(toFile: serve.dataDir + "/manual.yaml", atomically: true, encoding: .utf8)
            _ = try cli.ok(["apply", "-f", serve.dataDir + "/manual.yaml"])

            let first = try cli.run(["sync", repo, "--source", "team-a-repo"])
            #expect(first.status == 2, "changes applied: \(first.stderr)")
            for name in ["sync-a", "sync-b", "sync-c"] { #expect(first.stdout.contains("cluster.ocpctl.io/\(name) -n team-a created")) }
            let c = try cli.cluster("sync-c")
            #expect(c.metadata.annotations?["ocpctl.io/sync-source"] == "team-a-repo")
            #expect(c.metadata.annotations?["ocpctl.io/manifest"] == "prod/c.yaml:1")
            try await eventually("all three Ready") { try ["sync-a", "sync-b", "sync-c"].allSatisfy { try cli.cluster($0).isReady } }

            let again = try cli.run(["sync", repo, "--source", "team-a-repo"])
            #expect(again.status == 0, "in sync: \(again.stdout) \(again.stderr)")
            #expect(again.stdout.contains("0 to create, 0 to update, 0 to delete, 3 unchanged"))

            // A commit: c removed, b scaled.
            try FileManager.default.removeItem(atPath: repo + "/prod/c.yaml")
            try (Self.manifest("sync-a") + "---\n" + Self.manifest("sync-b", workers: 1)).write(toFile: repo + "/ab.yaml", atomically: true, encoding: .utf8)
            let plan = try cli.run(["sync", repo, "--source", "team-a-repo", "--prune", "--dry-run"])
            #expect(plan.status == 2)
            #expect(plan.stdout.contains("cluster.ocpctl.io/sync-b -n team-a would be configured"))
            #expect(plan.stdout.contains("spec.workers: 0 → 1"))
            #expect(plan.stdout.contains("cluster.ocpctl.io/sync-c -n team-a would be deleted"))
            #expect(try cli.cluster("sync-b").spec.workers == 0, "a dry run changes nothing")
            #expect(try cli.cluster("sync-c").metadata.deletionTimestamp == nil)

            let applied = try cli.run(["sync", repo, "--source", "team-a-repo", "--prune"])
            #expect(applied.status == 2, "\(applied.stderr)")
            try await eventually("sync-c is destroyed") { try cli.run(["get", "cluster", "sync-c", "-n", "team-a"]).status != 0 }
            try await eventually("sync-b scaled") { try cli.cluster("sync-b").isReady && cli.cluster("sync-b").status?.workers?.ready == 1 }
            #expect(try cli.cluster("manual").metadata.deletionTimestamp == nil, "never prunes what the source does not own")

            // An invalid document aborts everything, naming its file and line.
            try (Self.manifest("sync-d") + "  replicas: 3\n").write(toFile: repo + "/d.yaml", atomically: true, encoding: .utf8)
            try (Self.manifest("sync-a", workers: 2) + "---\n" + Self.manifest("sync-b", workers: 1)).write(toFile: repo + "/ab.yaml", atomically: true, encoding: .utf8)
            let invalid = try cli.run(["sync", repo, "--source", "team-a-repo", "--prune"])
            #expect(invalid.status == 1)
            #expect(invalid.stderr.contains("d.yaml:9: document 1: spec.replicas: unknown field"))
            #expect(invalid.stderr.contains("nothing was changed"))
            #expect(try cli.cluster("sync-a").spec.workers == 0)
            #expect(try cli.run(["get", "cluster", "sync-d", "-n", "team-a"]).status != 0)
            try FileManager.default.removeItem(atPath: repo + "/d.yaml")

            // Emptying the source would delete everything it owns: refused unless allowed.
            try FileManager.default.removeItem(atPath: repo + "/ab.yaml")
            try "# nothing here\n".write(toFile: repo + "/README.yaml", atomically: true, encoding: .utf8)
            let refused = try cli.run(["sync", repo, "--source", "team-a-repo", "--prune"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("prune refused: the sync would delete 2 of the 2 clusters"))
            #expect(try cli.cluster("sync-a").metadata.deletionTimestamp == nil)
            let allowed = try cli.run(["sync", repo, "--source", "team-a-repo", "--prune", "--allow-mass-deletion"])
            #expect(allowed.status == 2, "\(allowed.stderr)")
            #expect(allowed.stdout.contains("sync-a -n team-a deleted"))
        }
    }
}
