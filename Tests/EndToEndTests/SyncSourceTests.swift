import Foundation
import OCPClient
import OCPModel
import Testing

/// Server-side GitOps with a git repository made here: a SyncSource on `ocpctl serve` keeps the clusters equal to it.
@Suite("SyncSource from a git repository", .serialized)
struct SyncSourceTests {
    /// A git repository in a temporary directory, committed to with the git CLI.
    struct Repo {
        let path: String

        init() throws {
            path = temporaryDirectory("ocpctl-git") + "/clusters.git"
            try FileManager.default.createDirectory(atPath: path + "/clusters", withIntermediateDirectories: true)
            try git(["init", "--quiet", "--initial-branch=main"])
        }

        func write(_ file: String, _ text: String) throws {
            try text.write(toFile: path + "/" + file, atomically: true, encoding: .utf8)
        }

        func remove(_ file: String) throws { try FileManager.default.removeItem(atPath: path + "/" + file) }

        /// Commits everything and returns the new commit.
        @discardableResult
        func commit(_ message: String) throws -> String {
            try git(["add", "--all"])
            try git(["-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message])
            return try git(["rev-parse", "HEAD"])
        }

        @discardableResult
        func git(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", path] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: text]) }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test("three clusters created; a commit deletes one and scales one; an invalid commit changes nothing; drift is reported, then healed")
    func gitSource() async throws {
        let repo = try Repo()
        try repo.write("clusters/ab.yaml", SyncDirectoryTests.manifest("git-a") + "---\n" + SyncDirectoryTests.manifest("git-b"))
        try repo.write("clusters/c.yaml", SyncDirectoryTests.manifest("git-c"))
        try repo.write("README.md", "not a manifest\n")
        let first = try repo.commit("three clusters")

        try await Serve.with(["--allow-local-repos"]) { serve in
            let cli = serve.cli
            let created = try cli.ok(["create", "syncsource", "clusters", "-n", "team-a", "--repo", "file://\(repo.path)", "--path", "clusters",
                                      "--interval", "1s", "--prune"])
            #expect(created.contains("syncsource.ocpctl.io/clusters created"))
            func source() throws -> SyncSource {
                try JSONDecoder().decode(SyncSource.self, from: Data(try cli.ok(["get", "syncsource", "clusters", "-n", "team-a", "-o", "json"]).utf8))
            }
            func synced(_ source: SyncSource) -> Condition? { source.status?.conditions?.condition("Synced") }

            // 1. Three clusters, all created and Ready, at the first commit.
            try await eventually("the first commit is applied") { try source().status?.lastSyncedRevision == first }
            try await eventually("all three Ready") { try ["git-a", "git-b", "git-c"].allSatisfy { try cli.cluster($0).isReady } }
            #expect(synced(try source())?.status == .true)
            #expect(try cli.cluster("git-c").metadata.annotations?["ocpctl.io/sync-source"] == "team-a/clusters")
            #expect(try cli.cluster("git-c").metadata.annotations?["ocpctl.io/manifest"] == "clusters/c.yaml:1")

            // 2. A commit removes c and scales b.
            try repo.remove("clusters/c.yaml")
            try repo.write("clusters/ab.yaml", SyncDirectoryTests.manifest("git-a") + "---\n" + SyncDirectoryTests.manifest("git-b", workers: 1))
            let second = try repo.commit("remove c, scale b")
            try await eventually("c is destroyed") { try cli.run(["get", "cluster", "git-c", "-n", "team-a"]).status != 0 }
            try await eventually("b scaled") { try cli.cluster("git-b").isReady && cli.cluster("git-b").status?.workers?.ready == 1 }
            try await eventually("the second commit is recorded") { try source().status?.lastSyncedRevision == second }
            // The sync that applied the commit reports b as an update with its field diff; later ones as unchanged.
            let b = try #require(try source().status?.resources?.first { $0.name == "git-b" })
            #expect(b.action == .unchanged || (b.action == .update && b.message?.contains("spec.workers: 0 → 1") == true))

            // 3. A commit with an invalid manifest: nothing changes, Synced=False names file:line.
            try repo.write("clusters/d.yaml", SyncDirectoryTests.manifest("git-d") + "  replicas: 3\n")
            try repo.write("clusters/ab.yaml", SyncDirectoryTests.manifest("git-a", workers: 2) + "---\n" + SyncDirectoryTests.manifest("git-b", workers: 1))
            let invalid = try repo.commit("a broken manifest")
            try await eventually("the invalid commit is reported") { try source().status?.lastAttemptedRevision == invalid }
            let refused = try source()
            #expect(synced(refused)?.status == .false)
            #expect(synced(refused)?.reason == "InvalidManifest")
            #expect(synced(refused)?.message.contains("clusters/d.yaml:9") == true)
            #expect(refused.status?.lastSyncedRevision == second, "the previous revision stays applied")
            #expect(try cli.cluster("git-a").spec.workers == 0)
            #expect(try cli.run(["get", "cluster", "git-d", "-n", "team-a"]).status != 0)
            try repo.remove("clusters/d.yaml")
            try repo.write("clusters/ab.yaml", SyncDirectoryTests.manifest("git-a") + "---\n" + SyncDirectoryTests.manifest("git-b", workers: 1))
            let fixed = try repo.commit("fix")
            try await eventually("the fix is applied") {
                let current = try source()
                return current.status?.lastSyncedRevision == fixed && synced(current)?.status == .true
            }

            // 4. An edit through the API: reported as OutOfSync and left alone, then reverted once selfHeal is on.
            _ = try cli.ok(["patch", "cluster", "git-b", "-n", "team-a", "-p", #"{"spec":{"workers":2}}"#])
            try await eventually("drift is reported") { synced(try source())?.reason == "OutOfSync" }
            let outOfSync = try source()
            #expect(outOfSync.status?.drift?.map(\.name) == ["git-b"])
            #expect(synced(outOfSync)?.message.contains("team-a/git-b") == true)
            #expect(try cli.cluster("git-b").spec.workers == 2, "without selfHeal the edit stays")
            #expect(try cli.ok(["sync", "status", "-n", "team-a"]).contains("Synced=False OutOfSync"))

            let client = try ClientConfigFile.load(path: serve.dataDir + "/client.yaml").client()
            // Read, modify, write, again on 409: the sync controller writes status every interval, which moves resourceVersion.
            for attempt in 1...20 {
                var healing = try await client.getSyncSource(namespace: "team-a", name: "clusters")
                healing.spec.selfHeal = true
                do {
                    _ = try await client.replaceSyncSource(healing)
                    break
                } catch let error as ClientError where error.code == 409 && attempt < 20 {
                    continue
                }
            }
            try await eventually("the edit is reverted") { try cli.cluster("git-b").spec.workers == 1 }
            try await eventually("Synced again") {
                let current = try source()
                return synced(current)?.status == .true && current.status?.drift == nil
            }

            let table = try cli.ok(["get", "syncsources", "-n", "team-a"])
            #expect(table.contains("clusters") && table.contains("True"))
            let described = try cli.ok(["describe", "syncsource", "clusters", "-n", "team-a"])
            #expect(described.contains("Self heal:     true"))
            #expect(described.contains("git-b"))
        }
    }
}
