import Foundation
import OCPClient
import Testing

/// `serve` speaks HTTPS with the CA it made and writes a kubeconfig; the CLI reads kubeconfigs the kubectl way.
@Suite("TLS and kubeconfig", .serialized)
struct KubeconfigTests {
    static func write(_ config: Kubeconfig, _ path: String) throws -> String {
        try config.write(path: path)
        return path
    }

    @Test("the CLI reads --kubeconfig, KUBECONFIG (merged, first wins), --context and the context's namespace")
    func cliReadsKubeconfig() async throws {
        try await Serve.with { serve in
            try await eventually("the kubeconfig is written") { FileManager.default.fileExists(atPath: serve.dataDir + "/kubeconfig") }
            try TenancyTests.applyStdin(serve.cli, TenancyTests.manifest("kc-a", namespace: "team-a"))
            let written = try Kubeconfig.load(path: serve.dataDir + "/kubeconfig")
            #expect(written.currentContext == "ocpctl")
            let server = try #require(written.clusters?.first?.cluster.server)
            #expect(server.hasPrefix("https://127.0.0.1:"))
            #expect(written.clusters?.first?.cluster.certificateAuthorityData != nil)
            let mode = try FileManager.default.attributesOfItem(atPath: serve.dataDir + "/kubeconfig")[.posixPermissions] as? Int
            #expect(mode == 0o600, "the kubeconfig holds a token: owner-only")

            // --kubeconfig alone, with no client config anywhere.
            let bare = CLI(environment: ["OCPCTL_CONFIG": "", "HOME": serve.dataDir])
            #expect(try bare.ok(["get", "clusters", "-n", "team-a", "--kubeconfig", serve.dataDir + "/kubeconfig"]).contains("kc-a"))

            // A second file whose context points at team-a: KUBECONFIG merges both; the first file's current-context wins.
            var teamA = written
            teamA.contexts = [.init(name: "team-a", context: .init(cluster: "ocpctl", user: "ocpctl-admin", namespace: "team-a"))]
            teamA.clusters = nil
            teamA.users = nil
            teamA.currentContext = "team-a"
            let first = try Self.write(teamA, serve.dataDir + "/team-a.kubeconfig")
            let merged = CLI(environment: ["OCPCTL_CONFIG": "", "HOME": serve.dataDir,
                                           "KUBECONFIG": first + ":" + serve.dataDir + "/missing:" + serve.dataDir + "/kubeconfig"])
            #expect(try merged.ok(["get", "clusters"]).contains("kc-a"), "the context's namespace is the default -n")
            let other = try merged.run(["get", "clusters", "--context", "ocpctl"])
            #expect(other.status == 0 && other.stderr.contains("No resources found in default namespace"), "\(other.stderr)")
            let unknown = try merged.run(["get", "clusters", "--context", "nope"])
            #expect(unknown.status != 0 && unknown.stderr.contains("context \"nope\" does not exist"), "\(unknown.stderr)")

            // Without the CA the server's certificate is not trusted: TLS is verified, not just spoken.
            var untrusted = written
            untrusted.clusters?[0].cluster.certificateAuthorityData = nil
            let noCA = try Self.write(untrusted, serve.dataDir + "/no-ca.kubeconfig")
            let refused = try bare.run(["get", "clusters", "-n", "team-a", "--kubeconfig", noCA])
            #expect(refused.status != 0 && refused.stderr.contains("cannot reach"), "\(refused.stderr)")
            #expect(try bare.ok(["get", "clusters", "-n", "team-a", "--kubeconfig", noCA, "--insecure-skip-tls-verify"]).contains("kc-a"))
        }
    }

    @Test("the CA and serving certificate are made once and reused across restarts; plain HTTP only with --insecure-http")
    func certificatesReusedAndPlainHTTPOptIn() async throws {
        let dataDir = temporaryDirectory("ocpctl-tls")
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        // Each start listens on a new port, so the client config names a new server once it is up.
        func start(_ extra: [String]) async throws -> (ControllerProcess, ClientConfigFile) {
            let previous = try? ClientConfigFile.load(path: dataDir + "/client.yaml").server
            let process = ControllerProcess(command: "serve", arguments: ["--data-dir", dataDir, "--port", "0", "--sim-durations", "instant"] + extra,
                                            logPath: dataDir + "/serve.log")
            try process.start()
            let config = try await poll("the client config names the new server") { () -> ClientConfigFile? in
                guard let config = try? ClientConfigFile.load(path: dataDir + "/client.yaml"), config.server != previous else { return nil }
                return config
            }
            return (process, config)
        }
        let (first, firstConfig) = try await start([])
        #expect(firstConfig.server.hasPrefix("https://"))
        #expect(try await firstConfig.client().version().gitVersion != nil)
        let ca = try String(contentsOfFile: dataDir + "/tls/ca.crt", encoding: .utf8)
        let certificate = try String(contentsOfFile: dataDir + "/tls/serving.crt", encoding: .utf8)
        let keyMode = try FileManager.default.attributesOfItem(atPath: dataDir + "/tls/ca.key")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        first.kill9()

        let (second, secondConfig) = try await start([])
        #expect(try String(contentsOfFile: dataDir + "/tls/ca.crt", encoding: .utf8) == ca)
        #expect(try String(contentsOfFile: dataDir + "/tls/serving.crt", encoding: .utf8) == certificate)
        #expect(try await secondConfig.client().version().gitVersion != nil)
        second.kill9()

        let (plain, plainConfig) = try await start(["--insecure-http"])
        defer { plain.kill9() }
        #expect(plainConfig.server.hasPrefix("http://"))
        #expect(plainConfig.certificateAuthorityData == nil)
        #expect(try await plainConfig.client().version().gitVersion != nil)
        let kubeconfig = try Kubeconfig.load(path: dataDir + "/kubeconfig")
        #expect(kubeconfig.clusters?.first?.cluster.server == plainConfig.server)
        #expect(kubeconfig.clusters?.first?.cluster.certificateAuthorityData == nil)
    }
}
