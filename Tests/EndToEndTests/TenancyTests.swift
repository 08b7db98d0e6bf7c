import Foundation
import OCPClient
import OCPModel
import OCPStore
import Testing

/// Tenancy with the real binary: tokens made with `ocpctl token create`, SyncSources confined to their namespace,
/// and hostile git inputs that never reach git.
@Suite("Tenancy end to end", .serialized)
struct TenancyTests {
    static func manifest(_ name: String, namespace: String?, workers: Int = 0) -> String {
        """
        apiVersion: ocpctl.io/v1alpha1
        kind: Cluster
        metadata:
          name: \(name)
        \(namespace.map { "  namespace: \($0)\n" } ?? "")spec:
          profile: aws-minimal-test
          workers: \(workers)

        """
    }

    /// A CLI acting as a new user with a token the admin created.
    static func user(_ serve: Serve, _ name: String, team: String) throws -> CLI {
        let output = try serve.cli.ok(["token", "create", "--user", name, "--team", team, "--role", "requester"])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("token.ocpctl.io/tok-") == true)
        let config = try ClientConfigFile.load(path: serve.dataDir + "/client.yaml")
        return CLI(environment: ["OCPCTL_SERVER": config.server, "OCPCTL_TOKEN": try #require(lines.last),
                                 "OCPCTL_CERTIFICATE_AUTHORITY": serve.dataDir + "/tls/ca.crt"])
    }

    static func source(_ cli: CLI, _ name: String, namespace: String) throws -> SyncSource {
        try JSONDecoder().decode(SyncSource.self, from: Data(try cli.ok(["get", "syncsource", name, "-n", namespace, "-o", "json"]).utf8))
    }

    @Test("a team-b source cannot create, adopt or prune team-a's clusters; an admin source with both destinations can")
    func sourcesStayInTheirNamespace() async throws {
        try await Serve.with(["--allow-local-repos"]) { serve in
            let admin = serve.cli
            let alice = try Self.user(serve, "alice@example.com", team: "team-a")
            let bob = try Self.user(serve, "bob@example.com", team: "team-b")

            // Alice's clusters: one by hand, one that looks as if bob's source had applied it once.
            try Self.applyStdin(alice, Self.manifest("a-hand", namespace: "team-a"))
            try Self.applyStdin(alice, Self.manifest("a-forged", namespace: "team-a"))
            _ = try alice.ok(["patch", "cluster", "a-forged", "-n", "team-a", "-p", #"{"metadata":{"annotations":{"ocpctl.io/sync-source":"team-b/evil"}}}"#])
            try Self.applyStdin(bob, Self.manifest("b-hand", namespace: "team-b"))

            // 1. Bob's repository names team-a twice: nothing of that revision is written, and both documents are named.
            let repo = try SyncSourceTests.Repo()
            try repo.write("clusters/hijack.yaml", Self.manifest("hijack", namespace: "team-a"))
            try repo.write("clusters/adopt.yaml", Self.manifest("a-hand", namespace: "team-a", workers: 2))
            try repo.write("clusters/mine.yaml", Self.manifest("b-ok", namespace: nil))
            let refusedRevision = try repo.commit("reach into team-a")
            _ = try bob.ok(["create", "syncsource", "evil", "-n", "team-b", "--repo", "file://\(repo.path)", "--path", "clusters",
                            "--interval", "1s", "--prune"])
            try await eventually("the refusal is reported") { try Self.source(bob, "evil", namespace: "team-b").status?.lastAttemptedRevision == refusedRevision }
            let refused = try #require(try Self.source(bob, "evil", namespace: "team-b").status?.conditions?.condition("Synced"))
            #expect(refused.status == .false)
            #expect(refused.reason == "InvalidManifest")
            #expect(refused.message.contains("clusters/hijack.yaml:5"), "\(refused.message)")
            #expect(refused.message.contains("clusters/adopt.yaml:5"), "\(refused.message)")
            #expect(refused.message.contains("namespace \"team-a\" is not a destination of this source"))
            #expect(try admin.run(["get", "cluster", "hijack", "-n", "team-a"]).status != 0, "not created")
            #expect(try admin.run(["get", "cluster", "b-ok", "-n", "team-b"]).status != 0, "nothing of the refused revision is written")
            #expect(try admin.cluster("a-hand").spec.workers == 0, "not adopted")

            // 2. Within its namespace: b-ok (no namespace) lands in team-b, b-hand is a conflict, team-a is never pruned.
            try repo.remove("clusters/hijack.yaml")
            try repo.remove("clusters/adopt.yaml")
            try repo.write("clusters/hand.yaml", Self.manifest("b-hand", namespace: "team-b", workers: 1))
            let allowed = try repo.commit("only team-b")
            try await eventually("b-ok is created in team-b") { try bob.run(["get", "cluster", "b-ok", "-n", "team-b"]).status == 0 }
            try await eventually("the revision is attempted") { try Self.source(bob, "evil", namespace: "team-b").status?.lastAttemptedRevision == allowed }
            let status = try #require(try Self.source(bob, "evil", namespace: "team-b").status)
            let conflict = try #require(status.resources?.first { $0.name == "b-hand" })
            #expect(conflict.action == .conflict)
            #expect(conflict.message?.contains("never adopts") == true)
            #expect(status.conditions?.condition("Synced")?.reason == "Conflict")
            #expect(try admin.cluster("b-hand", namespace: "team-b").spec.workers == 0)
            #expect(try admin.cluster("a-forged").metadata.deletionTimestamp == nil, "outside its destinations nothing is pruned")
            #expect(try admin.cluster("a-hand").metadata.deletionTimestamp == nil)
            #expect(!(try admin.ok(["get", "clusters", "-A"])).contains("hijack"))

            // 3. An admin's source with both namespaces creates and prunes in each.
            let fleet = try SyncSourceTests.Repo()
            try fleet.write("clusters/a.yaml", Self.manifest("fleet-a", namespace: "team-a"))
            try fleet.write("clusters/b.yaml", Self.manifest("fleet-b", namespace: "team-b"))
            try fleet.commit("fleet")
            let create = try bob.run(["create", "syncsource", "fleet", "-n", "team-b", "--repo", "file://\(fleet.path)", "--path", "clusters",
                                      "--destination-namespace", "team-a", "--destination-namespace", "team-b"])
            #expect(create.status != 0 && create.stderr.contains("only an admin"), "\(create.stderr)")
            _ = try admin.ok(["create", "syncsource", "fleet", "-n", "team-b", "--repo", "file://\(fleet.path)", "--path", "clusters",
                              "--interval", "1s", "--prune", "--destination-namespace", "team-a", "--destination-namespace", "team-b"])
            try await eventually("both fleet clusters exist") {
                try admin.run(["get", "cluster", "fleet-a", "-n", "team-a"]).status == 0 && admin.run(["get", "cluster", "fleet-b", "-n", "team-b"]).status == 0
            }
            try fleet.write("clusters/a2.yaml", Self.manifest("fleet-a2", namespace: "team-a"))
            try fleet.write("clusters/b.yaml", Self.manifest("fleet-b2", namespace: "team-b"))
            try fleet.commit("rename both")
            try await eventually("the renamed ones are pruned in both namespaces") {
                try admin.run(["get", "cluster", "fleet-b", "-n", "team-b"]).status != 0
                    && admin.run(["get", "cluster", "fleet-a2", "-n", "team-a"]).status == 0
            }
            try await eventually("the new one in team-b is created") { try admin.run(["get", "cluster", "fleet-b2", "-n", "team-b"]).status == 0 }
        }
    }

    @Test("git options in a repo, revision or path are refused at admission, and git never runs with them")
    func gitNeverSeesOptions() async throws {
        let markers = temporaryDirectory("ocpctl-markers")
        try await Serve.with { serve in
            let admin = serve.cli
            let attempts: [(String, [String])] = [
                // `--flag=value`, so that the CLI passes a value that looks like an option on to the server.
                ("spec.repo", ["--repo=--upload-pack=touch \(markers)/repo"]),
                ("spec.repo", ["--repo=ext::sh -c touch% \(markers)/ext"]),
                ("spec.repo", ["--repo=file://\(markers)"]),
                ("spec.revision", ["--repo=https://git.example.com/a.git", "--revision=--output=\(markers)/revision"]),
                ("spec.path", ["--repo=https://git.example.com/a.git", "--path=../../etc"]),
            ]
            for (index, (field, arguments)) in attempts.enumerated() {
                let result = try admin.run(["create", "syncsource", "s\(index)", "-n", "team-a", "--interval", "1s"] + arguments)
                #expect(result.status != 0)
                #expect(result.stderr.contains("Invalid") && result.stderr.contains(field), "\(field): \(result.stderr)")
            }
            // A source stored before these rules existed, written straight into the store: the controller refuses it too.
            let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            try await SQLStore.withStore(at: .sqlite(directory: serve.dataDir), now: now) { store in
                #expect(try await store.listSyncSources(namespace: nil).isEmpty, "no refused source was stored")
                _ = try await store.createSyncSource(SyncSource(metadata: ObjectMeta(name: "legacy", namespace: "team-a"),
                                                                spec: SyncSourceSpec(repo: "--upload-pack=touch \(markers)/legacy")), now: now)
            }
            try await eventually("the stored hostile source is refused by the controller") {
                let ready = try Self.source(admin, "legacy", namespace: "team-a").status?.conditions?.condition("Ready")
                return ready?.reason == "InvalidSpec" && ready?.message.contains("spec.repo") == true
            }
            // The controller syncs every second; give it a few more chances to run anything.
            try await Task.sleep(for: .seconds(2))
            #expect(try FileManager.default.contentsOfDirectory(atPath: markers).isEmpty, "a marker means git ran an injected option")
        }
    }

    /// `ocpctl apply -f -` with `text` on standard input.
    static func applyStdin(_ cli: CLI, _ text: String) throws {
        let result = try Binary.run(["apply", "-f", "-"], stdin: text, environment: cli.environment)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
