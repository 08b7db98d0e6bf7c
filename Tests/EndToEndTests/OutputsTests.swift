import Foundation
import OCPClient
import OCPModel
import Testing

/// `ocpctl get outputs cluster/NAME`: URLs and a kubeconfig for the owning team, the kubeadmin password for admins
/// only, every hand-out audited and no credential in the audit trail.
@Suite("Cluster outputs end to end", .serialized)
struct OutputsTests {
    @Test("the team downloads the kubeconfig; only an admin reveals the password; both are audited")
    func outputs() async throws {
        try await Serve.with { serve in
            let admin = serve.cli
            let alice = try TenancyTests.user(serve, "alice@example.com", team: "team-a")
            let bob = try TenancyTests.user(serve, "bob@example.com", team: "team-b")
            try TenancyTests.applyStdin(alice, TenancyTests.manifest("out", namespace: "team-a"))
            try await eventually("Ready") { try admin.cluster("out").isReady }

            let table = try alice.ok(["get", "outputs", "cluster/out", "-n", "team-a"])
            #expect(table.contains("https://api.out.labs.example.com:6443"))
            #expect(table.contains("sim://secrets/"))
            let file = temporaryDirectory("ocpctl-outputs") + "/kubeconfig"
            _ = try alice.ok(["get", "outputs", "cluster/out", "-n", "team-a", "--kubeconfig-file", file])
            let kubeconfig = try String(contentsOfFile: file, encoding: .utf8)
            #expect(kubeconfig.contains("server: https://api.out.labs.example.com:6443"))
            let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(permissions == 0o600)

            let refused = try alice.run(["get", "outputs", "cluster/out", "-n", "team-a", "--show-kubeadmin-password"])
            #expect(refused.status != 0 && refused.stderr.contains("admins only"), "\(refused.stderr)")
            #expect(try bob.run(["get", "outputs", "cluster/out", "-n", "team-a"]).status != 0, "another team sees nothing")
            let revealed = try admin.ok(["get", "outputs", "cluster/out", "-n", "team-a", "--show-kubeadmin-password"])
            let password = try #require(revealed.split(separator: "\n").last.map { String($0.dropFirst("kubeadmin password: ".count)) })
            #expect(!password.isEmpty)

            let config = try ClientConfigFile.load(path: serve.dataDir + "/client.yaml")
            let events = try await config.client().auditEvents()
            let handouts = events.filter { $0.verb == "download-kubeconfig" || $0.verb == "reveal-kubeadmin-password" }
            #expect(handouts.map(\.outcome) == ["Success", "Denied", "Success"], "\(handouts.map { "\($0.verb) \($0.outcome)" })")
            #expect(handouts.map(\.actor) == ["alice@example.com", "alice@example.com", "admin"])
            #expect(!events.contains { $0.summary.contains(password) }, "no credential in the audit trail")
            #expect(try alice.run(["delete", "outputs", "out", "-n", "team-a"]).status != 0, "outputs are never a delete target")
            #expect(try admin.run(["get", "cluster", "out", "-n", "team-a"]).status == 0)
        }
    }
}
